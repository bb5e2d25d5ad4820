package dev.webhooks.store;

import org.springframework.jdbc.core.JdbcOperations;

/**
 * Counts the pending and the dead deliveries, for the backlog gauge and the health indicator.
 */
final class JdbcDeliveryCounter {

	// the status is a literal, not a parameter, so PostgreSQL can answer from the partial index of that status
	private static final String COUNT_PENDING = """
			SELECT COUNT(*)
			FROM %TABLE_PREFIX%delivery
			WHERE status = 'PENDING'
			""";

	private static final String COUNT_DEAD = """
			SELECT COUNT(*)
			FROM %TABLE_PREFIX%delivery
			WHERE status = 'DEAD'
			""";

	private final JdbcOperations jdbc;

	private final String countPending;

	private final String countDead;

	JdbcDeliveryCounter(JdbcOperations jdbc, TablePrefix prefix) {
		this.jdbc = jdbc;
		this.countPending = prefix.resolve(COUNT_PENDING);
		this.countDead = prefix.resolve(COUNT_DEAD);
	}

	long countPending() {
		return count(this.countPending);
	}

	long countDead() {
		return count(this.countDead);
	}

	private long count(String sql) {
		Long count = this.jdbc.queryForObject(sql, Long.class);
		return (count != null) ? count : 0;
	}

}
