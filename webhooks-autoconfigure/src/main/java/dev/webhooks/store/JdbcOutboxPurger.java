package dev.webhooks.store;

import java.time.Instant;
import java.util.Collections;
import java.util.List;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Deletes events past the retention with their deliveries and attempts, a batch of events per transaction, so a
 * large purge never holds many locks or one long transaction.
 */
final class JdbcOutboxPurger {

	private static final String SELECT_EVENTS_BEFORE = """
			SELECT id
			FROM %TABLE_PREFIX%event
			WHERE created_at < ?
			ORDER BY created_at
			LIMIT ?
			""";

	private static final String DELETE_ATTEMPTS_OF_EVENTS = """
			DELETE FROM %TABLE_PREFIX%attempt
			WHERE delivery_id IN (SELECT id FROM %TABLE_PREFIX%delivery WHERE event_id IN (%s))
			""";

	private static final String DELETE_DELIVERIES_OF_EVENTS = """
			DELETE FROM %TABLE_PREFIX%delivery
			WHERE event_id IN (%s)
			""";

	private static final String DELETE_EVENTS = """
			DELETE FROM %TABLE_PREFIX%event
			WHERE id IN (%s)
			""";

	private final JdbcOperations jdbc;

	private final TransactionOperations transactions;

	private final String selectEventsBefore;

	private final String deleteAttemptsOfEvents;

	private final String deleteDeliveriesOfEvents;

	private final String deleteEvents;

	JdbcOutboxPurger(JdbcOperations jdbc, TransactionOperations transactions, TablePrefix prefix) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.selectEventsBefore = prefix.resolve(SELECT_EVENTS_BEFORE);
		this.deleteAttemptsOfEvents = prefix.resolve(DELETE_ATTEMPTS_OF_EVENTS);
		this.deleteDeliveriesOfEvents = prefix.resolve(DELETE_DELIVERIES_OF_EVENTS);
		this.deleteEvents = prefix.resolve(DELETE_EVENTS);
	}

	int purgeCreatedBefore(Instant before, int batchSize) {
		int total = 0;
		int deleted;
		do {
			// the tables have no foreign keys, so attempts and deliveries go first, with their events
			Integer batch = this.transactions.execute((status) -> {
				List<String> ids = this.jdbc.queryForList(this.selectEventsBefore, String.class,
						JdbcTimestamps.param(before), batchSize);
				if (!ids.isEmpty()) {
					String placeholders = String.join(", ", Collections.nCopies(ids.size(), "?"));
					Object[] args = ids.toArray();
					this.jdbc.update(this.deleteAttemptsOfEvents.formatted(placeholders), args);
					this.jdbc.update(this.deleteDeliveriesOfEvents.formatted(placeholders), args);
					this.jdbc.update(this.deleteEvents.formatted(placeholders), args);
				}
				return ids.size();
			});
			deleted = (batch != null) ? batch : 0;
			total += deleted;
		}
		while (deleted >= batchSize);
		return total;
	}

}
