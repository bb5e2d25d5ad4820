package dev.webhooks.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * The database's floor of a durable delivery on PostgreSQL: {@code pgbench} writing, with nothing else in the
 * way, the rows the engine writes for each delivery, in the starter's own tables (its schema script, every index):
 * a group of events and their delivery rows inserted and committed, then the same deliveries' outcomes (status,
 * attempt count, status code, lease released) and attempt rows written and committed, as the publisher's group
 * commit and the outcome writer do. No HTTP, no Java, no signing: the most deliveries per second PostgreSQL can
 * record on this machine for the engine's two writers (two clients), with groups as large as the benchmark's
 * publishers can make.
 */
final class DatabaseFloor {

	private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+)");

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
			try (Connection connection = DriverManager.getConnection(schema.url(), "postgres", "");
					Statement statement = connection.createStatement()) {
				String script = new String(new ClassPathResource("dev/webhooks/store/schema-postgresql.sql")
					.getContentAsByteArray(), StandardCharsets.UTF_8).replace("%TABLE_PREFIX%", "webhook_");
				ScriptUtils.executeSqlScript(connection, new ByteArrayResource(script.getBytes(StandardCharsets.UTF_8)));
				statement.execute("CREATE SEQUENCE floor_groups");
			}
			Path directory = Files.createTempDirectory("pgbench-database-floor");
			try {
				Path script = directory.resolve("deliveries.sql");
				Files.writeString(script, script(group, new String(envelope, StandardCharsets.UTF_8)));
				ProcessBuilder builder = new ProcessBuilder("pgbench", "-n", "-M", "prepared", "-h", "127.0.0.1", "-U",
						"postgres", "-f",
						script.toString(), "-c", Integer.toString(clients), "-j", "2", "-T",
						Long.toString(duration.toSeconds()), "test")
					.directory(directory.toFile())
					.redirectErrorStream(true);
				builder.environment()
					.put("PGOPTIONS", "-c search_path=" + schema.name() + " -c plan_cache_mode=force_custom_plan");
				Process process = builder.start();
				String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
				if (process.waitFor() != 0) {
					throw new IllegalStateException("pgbench exited with " + process.exitValue() + ":\n" + output);
				}
				Matcher tps = TPS.matcher(output);
				if (!tps.find()) {
					throw new IllegalStateException("No tps in pgbench's output:\n" + output);
				}
				// pgbench counts one run of the script, a group published and its outcomes written, as a transaction
				return Double.parseDouble(tps.group(1)) * group;
			}
			finally {
				try (Stream<Path> files = Files.walk(directory)) {
					files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
				}
			}
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
