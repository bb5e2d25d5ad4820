package dev.webhooks.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcOperations;

/**
 * Runs one statement per element of a list as one JDBC batch: one round trip for all of them.
 */
final class BatchUpdates {

	private BatchUpdates() {
	}

	/**
	 * Run a statement once per id, in one batch: the values first (an {@link Instant} as a timestamp), the id last.
	 * Nothing is sent for no ids.
	 * @param jdbc the JDBC access
	 * @param sql the statement
	 * @param ids the ids
	 * @param values the parameters before the id, the same for every id
	 */
	static void updateEach(JdbcOperations jdbc, String sql, List<String> ids, Object... values) {
		forEach(jdbc, sql, ids, (ps, id) -> {
			int index = 1;
			for (Object value : values) {
				if (value instanceof Instant instant) {
					JdbcTimestamps.set(ps, index++, instant);
				}
				else {
					ps.setObject(index++, value);
				}
			}
			ps.setString(index, id);
		});
	}

	/**
	 * Run a statement once per item, in one batch. Nothing is sent for no items.
	 * @param jdbc the JDBC access
	 * @param sql the statement
	 * @param items the items
	 * @param setter binds the parameters of one item
	 * @param <T> the item type
	 */
	static <T> void forEach(JdbcOperations jdbc, String sql, List<T> items, ItemSetter<T> setter) {
		if (items.isEmpty()) {
			return;
		}
		jdbc.batchUpdate(sql, new BatchPreparedStatementSetter() {

			@Override
			public void setValues(PreparedStatement ps, int i) throws SQLException {
				setter.set(ps, items.get(i));
			}

			@Override
			public int getBatchSize() {
				return items.size();
			}

		});
	}

	/**
	 * Binds the parameters of one item of a batch.
	 *
	 * @param <T> the item type
	 */
	@FunctionalInterface
	interface ItemSetter<T> {

		void set(PreparedStatement ps, T item) throws SQLException;

	}

}
