package dev.webhooks.benchmarks;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;

/**
 * The database's floor of a durable delivery on PostgreSQL: {@code pgbench} writing, with nothing else in the
 * way, the rows the engine writes for each delivery, in the starter's own tables (its schema script, every index):
 * a group of events and their delivery rows inserted and committed, then the same deliveries' outcomes (status,
 * attempt count, status code, lease released) and attempt rows written and committed, as the publisher's group
 * commit and the outcome writer do. No HTTP, no Java, no signing: about the most deliveries per second PostgreSQL
 * can record on this machine, with groups as large as the benchmark's publishers can make.
 * <p>
 * The statements are prepared and planned for the rows at hand each time ({@code plan_cache_mode =
 * force_custom_plan}, as the engine's outcome update): a generic plan made while the tables are empty reads the
 * delivery table whole for every update later.
 */
final class DatabaseFloor {

	private DatabaseFloor() {
	}

	/**
	 * Run pgbench for a while in a schema of its own, dropped afterwards.
	 * @param group the deliveries of one group (one publish transaction and one outcome transaction)
	 * @param clients pgbench's clients, each writing its groups one after the other
	 * @param duration how long it runs
	 * @param envelope an event's body, as the engine stores it
	 * @return deliveries recorded per second
	 */
	static double measure(int group, int clients, Duration duration, byte[] envelope) throws Exception {
		try (PostgresBenchSchema schema = PostgresBenchSchema.create("webhooks_dbfloor")) {
			Pgbench.createStarterTables(schema);
			try (Connection connection = DriverManager.getConnection(schema.url(), "postgres", "");
					Statement statement = connection.createStatement()) {
				statement.execute("CREATE SEQUENCE floor_groups");
			}
			// pgbench counts one run of the script, a group published and its outcomes written, as a transaction
			return group * Pgbench.transactionsPerSecond(schema, script(group, new String(envelope, StandardCharsets.UTF_8)),
					clients, duration, "plan_cache_mode=force_custom_plan");
		}
	}

	/**
	 * The script: ids as long as the engine's ULIDs and increasing as they do, so each index grows at its end.
	 */
	private static String script(int group, String envelope) {
		String id = "lpad((:grp * " + group + " + n)::text, 26, '0')";
		String deliveries = "SELECT 'dlv_' || " + id + " FROM generate_series(1, " + group + ") AS n";
		return String.join("\n",
				"SELECT nextval('floor_groups') AS grp \\gset",
				"BEGIN;",
				"WITH events AS (INSERT INTO webhook_event (id, event_type, tenant_id, idempotency_key, created_at, body, trace_parent) "
						+ "SELECT 'evt_' || " + id + ", 'bench.tick', NULL, NULL, now(), convert_to('"
						+ envelope.replace("'", "''") + "', 'UTF8'), NULL FROM generate_series(1, " + group
						+ ") AS n RETURNING id) "
						+ "INSERT INTO webhook_delivery (id, event_id, endpoint_id, status, attempts, next_attempt_at, "
						+ "locked_by, locked_until, created_at, seq) SELECT 'dlv_' || substr(id, 5), id, 'bench', 'PENDING', "
						+ "0, now(), 'floor', now() + interval '30 seconds', now(), NULL FROM events;",
				"COMMIT;",
				"BEGIN;",
				"UPDATE webhook_delivery SET status = 'SUCCEEDED', attempts = 1, next_attempt_at = now(), "
						+ "last_status_code = 204, completed_at = now(), locked_by = NULL, locked_until = NULL "
						+ "WHERE id IN (" + deliveries + ");",
				"INSERT INTO webhook_attempt (delivery_id, attempt_number, started_at, duration_ms, status_code, "
						+ "response_body, error, signature_scheme, signature_headers) SELECT 'dlv_' || " + id
						+ ", 1, now(), 1, 204, NULL, NULL, 'STANDARD', 'webhook-id,webhook-timestamp,webhook-signature' "
						+ "FROM generate_series(1, " + group + ") AS n;",
				"COMMIT;", "");
	}

	/**
	 * What {@link #measure} does, for the benchmark's output.
	 * @param group the deliveries of one group
	 * @param clients pgbench's clients
	 * @return one line
	 */
	static String describe(int group, int clients) {
		return String.format(Locale.ROOT,
				"pgbench, %d clients, groups of %d: events and deliveries inserted and committed, then their outcomes and attempts",
				clients, group);
	}

}
