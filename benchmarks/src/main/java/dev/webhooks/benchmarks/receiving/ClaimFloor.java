package dev.webhooks.benchmarks.receiving;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.webhooks.benchmarks.Pgbench;
import dev.webhooks.benchmarks.PostgresBenchSchema;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * The floor of the JDBC de-duplication store: the claim's {@code INSERT} into the starter's own
 * {@code webhook_received} table (its schema script, its primary key and both indexes) alone, with no HTTP, no
 * verification and no listener, from 10 clients (Hikari's default pool), one statement a transaction. On
 * PostgreSQL it is {@code pgbench} with {@code synchronous_commit = off}, as the starter's claim; on H2 in memory a
 * bare JDBC loop in this JVM. A request that the listener serves needs both what the plain endpoint does and one
 * claim, so on the same two cores it goes at most at {@code 1 / (1 / plain + 1 / floor)}.
 */
final class ClaimFloor {

	private static final int CLIENTS = 10;

	private static final String CLAIM = "INSERT INTO webhook_received (source, message_id, status, received_at, claimed_at) "
			+ "VALUES ('bench', 'msg_' || :client_id || '_' || random(), 'PROCESSING', now(), now());\n";

	private ClaimFloor() {
	}

	/**
	 * Claims per second on PostgreSQL, in a schema of its own (dropped afterwards).
	 * @param duration how long pgbench runs
	 * @return claims per second
	 */
	static double postgres(Duration duration) throws Exception {
		try (PostgresBenchSchema schema = PostgresBenchSchema.create("webhooks_claimfloor")) {
			Pgbench.createStarterTables(schema);
			return Pgbench.transactionsPerSecond(schema, CLAIM, CLIENTS, duration, "synchronous_commit=off");
		}
	}

	/**
	 * Claims per second on H2 in memory, in a database of its own (closed afterwards), after a warm-up as long.
	 * @param duration how long the measured loop runs
	 * @return claims per second
	 */
	static double h2(Duration duration) throws Exception {
		String url = "jdbc:h2:mem:claimfloor" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
		try (Connection keeper = DriverManager.getConnection(url, "sa", "")) {
			String script = new String(new ClassPathResource("dev/webhooks/store/schema-h2.sql").getContentAsByteArray(),
					StandardCharsets.UTF_8).replace("%TABLE_PREFIX%", "webhook_");
			ScriptUtils.executeSqlScript(keeper, new ByteArrayResource(script.getBytes(StandardCharsets.UTF_8)));
			// the first seconds are the JIT's: measured once, not counted
			claimFor(url, "warm", duration);
			double rate = claimFor(url, "run", duration);
			keeper.createStatement().execute("SHUTDOWN");
			return rate;
		}
	}

	private static double claimFor(String url, String run, Duration duration) throws InterruptedException {
		AtomicLong claims = new AtomicLong();
		AtomicBoolean stop = new AtomicBoolean();
		ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
		for (int t = 0; t < CLIENTS; t++) {
			String prefix = "msg_" + run + "_" + t + "_";
			pool.execute(() -> {
				try (Connection connection = DriverManager.getConnection(url, "sa", "");
						PreparedStatement insert = connection.prepareStatement("INSERT INTO webhook_received "
								+ "(source, message_id, status, received_at, claimed_at) VALUES (?, ?, ?, ?, ?)")) {
					for (long i = 0; !stop.get(); i++) {
						OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
						insert.setString(1, "bench");
						insert.setString(2, prefix + i);
						insert.setString(3, "PROCESSING");
						insert.setObject(4, now);
						insert.setObject(5, now);
						insert.executeUpdate();
						claims.incrementAndGet();
					}
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
		}
		long start = System.nanoTime();
		Thread.sleep(duration.toMillis());
		stop.set(true);
		long count = claims.get();
		double seconds = (System.nanoTime() - start) / 1e9;
		pool.shutdown();
		pool.awaitTermination(10, TimeUnit.SECONDS);
		return count / seconds;
	}

}
