package dev.webhooks.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

import org.springframework.jdbc.core.JdbcOperations;

/**
 * Runs one statement for many rows instead of one statement per row: {@code INSERT ... VALUES (...), (...)} and
 * {@code ... WHERE id IN (?, ?, ...)}. H2 executes every statement of a JDBC batch on its own, and there that
 * per-statement work costs more than the row (see docs/benchmarks.md). Used on H2: on PostgreSQL, rows are read
 * from array parameters instead ({@link PostgresArrays}), one statement for any number of rows. Rows go in chunks whose sizes are powers of two up to {@value #MAX_ROWS}, so a handful of
 * distinct SQL texts serve every count and stay in the driver's and the database's statement caches.
 */
final class MultiRowStatements {

	/** The most rows in one statement. */
	static final int MAX_ROWS = 64;

	private MultiRowStatements() {
	}

	/**
	 * Insert rows with multi-row {@code VALUES}.
	 * @param jdbc the JDBC access
	 * @param insertPrefix the statement up to and including {@code VALUES}
	 * @param columns how many parameters one row has
	 * @param rows the rows
	 * @param binder binds one row's parameters, starting at the given index
	 * @param <T> the row type
	 */
	static <T> void insert(JdbcOperations jdbc, String insertPrefix, int columns, List<T> rows,
			RowBinder<T> binder) {
		String row = "(" + String.join(", ", Collections.nCopies(columns, "?")) + ")";
		int from = 0;
		while (from < rows.size()) {
			int size = chunkSize(rows.size() - from);
			List<T> chunk = rows.subList(from, from + size);
			String sql = insertPrefix + " " + String.join(", ", Collections.nCopies(size, row));
			jdbc.update(sql, (PreparedStatement ps) -> {
				int index = 1;
				for (T item : chunk) {
					binder.bind(ps, index, item);
					index += columns;
				}
			});
			from += size;
		}
	}

	/**
	 * Run a statement that ends in {@code IN (%s)} for many ids. A chunk is padded to its power-of-two size by
	 * repeating its last id, which matches no other row.
	 * @param jdbc the JDBC access
	 * @param sqlWithInList the statement, with {@code %s} where the id placeholders go
	 * @param leading binds the parameters before the ids
	 * @param ids the ids
	 */
	static void updateIn(JdbcOperations jdbc, String sqlWithInList, LeadingBinder leading, List<String> ids) {
		int from = 0;
		while (from < ids.size()) {
			int remaining = ids.size() - from;
			int padded = (remaining >= MAX_ROWS) ? MAX_ROWS : Math.max(1, Integer.highestOneBit(remaining - 1) << 1);
			List<String> chunk = ids.subList(from, Math.min(ids.size(), from + padded));
			String sql = sqlWithInList.formatted(String.join(", ", Collections.nCopies(padded, "?")));
			jdbc.update(sql, (PreparedStatement ps) -> {
				int index = leading.bind(ps);
				for (int i = 0; i < padded; i++) {
					ps.setString(index++, chunk.get(Math.min(i, chunk.size() - 1)));
				}
			});
			from += chunk.size();
		}
	}

	/** The largest power of two up to {@link #MAX_ROWS} that is at most {@code remaining}. */
	private static int chunkSize(int remaining) {
		return Math.min(MAX_ROWS, Integer.highestOneBit(remaining));
	}

	/**
	 * Binds one row of a multi-row statement.
	 *
	 * @param <T> the row type
	 */
	@FunctionalInterface
	interface RowBinder<T> {

		void bind(PreparedStatement ps, int firstIndex, T row) throws SQLException;

	}

	/** Binds the parameters before an id list and returns the index of the first id. */
	@FunctionalInterface
	interface LeadingBinder {

		int bind(PreparedStatement ps) throws SQLException;

	}

}
