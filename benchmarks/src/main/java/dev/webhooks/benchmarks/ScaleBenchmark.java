package dev.webhooks.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import com.sun.management.GarbageCollectorMXBean;
import com.sun.management.GcInfo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.webhooks.endpoint.EndpointRequest;
import dev.webhooks.endpoint.WebhookEndpoints;
import dev.webhooks.publish.WebhookPublisher;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The engine on a large backlog, on PostgreSQL: 10,000 endpoints (one tenant each) and 1,000,000 pending
 * deliveries published through {@link WebhookPublisher} with the delivery engine left out, then an application with
 * the engine started on them, in a JVM whose heap is capped (benchmarks/scale.sh runs it with {@code -Xmx512m}). It
 * reports the drain rate, the heap after each collection while it drains, the poller's claim query (EXPLAIN
 * ANALYZE) at the start and at the end, and the database's size per million deliveries. Its schema is dropped at
 * the end. See docs/benchmarks.md.
 */
public final class ScaleBenchmark {

	private static final int ENDPOINTS = Integer.getInteger("bench.scale.endpoints", 10_000);

	private static final int DELIVERIES = Integer.getInteger("bench.scale.deliveries", 1_000_000);

	private static final int PUBLISHERS = Integer.getInteger("bench.publishers", 16);

	/** How long the drain may run; a backlog not drained by then is extrapolated from the measured part. */
	private static final long DRAIN_SECONDS = Long.getLong("bench.scale.drain-seconds", 900);

	private static final AtomicLong MAX_AFTER_GC = new AtomicLong();

	private ScaleBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		PostgresBenchSchema schema = PostgresBenchSchema.create("webhooks_scale");
		String url = schema.url();
		try (CountingReceiver receiver = new CountingReceiver(4)) {
			fillBacklog(url, receiver.port());
			String startPlan = explainClaim(url);
			long backlogBytes = outboxBytes(url);
			drain(url, receiver);
			String endPlan = explainClaim(url);
			long drainedBytes = outboxBytes(url);
			System.out.println();
			System.out.println("Claim query at the start (1,000,000 pending):\n" + startPlan);
			System.out.println("Claim query at the end:\n" + endPlan);
			System.out.printf(Locale.ROOT, "Database size of the outbox (events, deliveries, attempts, their indexes):"
					+ " %.0f MB with the backlog pending = %.0f MB per million deliveries; %.0f MB after the drain%n",
					backlogBytes / 1e6, backlogBytes / 1e6 / (DELIVERIES / 1e6), drainedBytes / 1e6);
		}
		finally {
			schema.close();
			System.out.println("Dropped schema " + schema.name());
		}
		System.exit(0);
	}

	/** The publisher's own path, with no delivery engine in the application: every delivery stays pending. */
	private static void fillBacklog(String url, int receiverPort) throws Exception {
		try (ConfigurableApplicationContext context = start(url,
				"spring.autoconfigure.exclude=dev.webhooks.autoconfigure.WebhooksDeliveryAutoConfiguration")) {
			WebhookEndpoints endpoints = context.getBean(WebhookEndpoints.class);
			long start = System.nanoTime();
			for (int i = 0; i < ENDPOINTS; i++) {
				endpoints.create(tenant(i), new EndpointRequest("http://127.0.0.1:" + receiverPort + "/hook/" + i,
						null, List.of(), Map.of(), true));
			}
			System.out.printf(Locale.ROOT, "%d endpoints created in %.1f s%n", ENDPOINTS, (System.nanoTime() - start) / 1e9);
			WebhookPublisher publisher = context.getBean(WebhookPublisher.class);
			AtomicLong next = new AtomicLong();
			start = System.nanoTime();
			ExecutorService pool = Executors.newFixedThreadPool(PUBLISHERS);
			for (int t = 0; t < PUBLISHERS; t++) {
				pool.execute(() -> {
					long n;
					while ((n = next.getAndIncrement()) < DELIVERIES) {
						// one event per tenant in turn: each endpoint gets DELIVERIES / ENDPOINTS deliveries
						publisher.publish("bench.tick", Map.of("n", n, "text", "benchmark payload"),
								tenant((int) (n % ENDPOINTS)));
						if (n % 100_000 == 0 && n > 0) {
							System.out.printf(Locale.ROOT, "  %d published%n", n);
						}
					}
				});
			}
			pool.shutdown();
			pool.awaitTermination(2, TimeUnit.HOURS);
			System.out.printf(Locale.ROOT, "%d events published (one delivery each) in %.1f s; heap %s%n", DELIVERIES,
					(System.nanoTime() - start) / 1e9, heap());
			JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
			// as autovacuum would (it is off on this machine's PostgreSQL)
			for (String table : List.of("webhook_event", "webhook_delivery", "webhook_endpoint")) {
				jdbc.execute("VACUUM (ANALYZE) " + table);
			}
			System.out.println("pending: " + jdbc.queryForObject(
					"SELECT count(*) FROM webhook_delivery WHERE status = 'PENDING'", Long.class));
		}
	}

	private static void drain(String url, CountingReceiver receiver) throws Exception {
		MAX_AFTER_GC.set(0);
		long start = System.nanoTime();
		long deadline = start + TimeUnit.SECONDS.toNanos(DRAIN_SECONDS);
		try (ConfigurableApplicationContext context = start(url)) {
			JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
			long lastReceived = 0;
			long lastTime = start;
			long pending;
			do {
				Thread.sleep(10_000);
				long now = System.nanoTime();
				long received = receiver.requests();
				pending = jdbc.queryForObject("SELECT count(*) FROM webhook_delivery WHERE status = 'PENDING'", Long.class);
				System.out.printf(Locale.ROOT, "  %5.0f s: %d requests received, %d pending, %.0f/s over the last %.0f s; heap %s%n",
						(now - start) / 1e9, received, pending, (received - lastReceived) / ((now - lastTime) / 1e9),
						(now - lastTime) / 1e9, heap());
				lastReceived = received;
				lastTime = now;
			}
			while (pending > 0 && System.nanoTime() < deadline);
			double seconds = (System.nanoTime() - start) / 1e9;
			long delivered = DELIVERIES - pending;
			System.out.printf(Locale.ROOT, "%s: %d of %d deliveries completed in %.1f s = %.0f deliveries/s "
					+ "(from the engine's start, its start-up included)%s; %d requests received; heap after GC at most %.0f MB of %.0f MB%n",
					pending == 0 ? "Drained" : "Drain stopped at the time limit", delivered, DELIVERIES, seconds,
					delivered / seconds,
					pending == 0 ? "" : String.format(Locale.ROOT, ", 1,000,000 would take %.0f s at that rate",
							DELIVERIES / (delivered / seconds)),
					receiver.requests(), maxOldAfterGc() / 1e6, Runtime.getRuntime().maxMemory() / 1e6);
		}
	}

	/** The poller's query, as the claimer runs it (in a transaction, so FOR UPDATE takes and gives back its locks). */
	private static String explainClaim(String url) throws Exception {
		try (Connection connection = DriverManager.getConnection(url, "postgres", "")) {
			connection.setAutoCommit(false);
			StringBuilder plan = new StringBuilder();
			try (Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT id "
							+ "FROM webhook_delivery WHERE status = 'PENDING' AND next_attempt_at <= now() "
							+ "AND (locked_until IS NULL OR locked_until <= now()) AND endpoint_id IN (SELECT id FROM "
							+ "webhook_endpoint WHERE enabled = TRUE AND deleted_at IS NULL) ORDER BY next_attempt_at "
							+ "LIMIT 100 FOR UPDATE SKIP LOCKED")) {
				while (rows.next()) {
					plan.append("    ").append(rows.getString(1)).append('\n');
				}
			}
			connection.rollback();
			return plan.toString();
		}
	}

	private static long outboxBytes(String url) throws Exception {
		try (Connection connection = DriverManager.getConnection(url, "postgres", "");
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT pg_total_relation_size('webhook_event') "
						+ "+ pg_total_relation_size('webhook_delivery') + pg_total_relation_size('webhook_attempt')")) {
			rows.next();
			return rows.getLong(1);
		}
	}

	private static ConfigurableApplicationContext start(String url, String... extra) {
		return new SpringApplicationBuilder(ScaleApplication.class).web(WebApplicationType.NONE)
			.properties(extra)
			.properties("spring.datasource.url=" + url, "spring.datasource.username=postgres",
					"spring.datasource.password=", "spring.datasource.hikari.maximum-pool-size=10",
					"webhooks.store.initialize-schema=always", "webhooks.publisher.strict-event-types=false",
					"webhooks.delivery.url-guard.allow-http=true",
					"webhooks.delivery.url-guard.allow-private-networks=true", "logging.level.root=WARN",
					"spring.main.banner-mode=off")
			.run();
	}

	private static String tenant(int i) {
		return "tenant_" + i;
	}

	private static String heap() {
		Runtime runtime = Runtime.getRuntime();
		return String.format(Locale.ROOT, "%.0f MB used, after last GC %.0f MB (max %.0f MB)",
				(runtime.totalMemory() - runtime.freeMemory()) / 1e6, oldAfterGc() / 1e6, runtime.maxMemory() / 1e6);
	}

	/** The heap in use right after the latest collection (young or full), as the GC log shows it. */
	private static long oldAfterGc() {
		long used = 0;
		for (GarbageCollectorMXBean collector : ManagementFactory.getPlatformMXBeans(GarbageCollectorMXBean.class)) {
			GcInfo last = collector.getLastGcInfo();
			if (last != null && collector.getName().contains("Young")) {
				used = last.getMemoryUsageAfterGc().values().stream().mapToLong(MemoryUsage::getUsed).sum();
			}
		}
		MAX_AFTER_GC.accumulateAndGet(used, Math::max);
		return used;
	}

	/** The most heap left after a collection among the samples taken while draining. */
	private static long maxOldAfterGc() {
		return MAX_AFTER_GC.get();
	}

	/** A receiver that answers 204 and only counts requests, so that its own memory does not grow with the run. */
	private static final class CountingReceiver implements AutoCloseable {

		private final HttpServer server;

		private final ExecutorService executor;

		private final AtomicLong requests = new AtomicLong();

		CountingReceiver(int threads) throws IOException {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
			this.executor = Executors.newFixedThreadPool(threads);
			this.server.setExecutor(this.executor);
			this.server.createContext("/hook", this::answer);
			this.server.start();
		}

		int port() {
			return this.server.getAddress().getPort();
		}

		long requests() {
			return this.requests.get();
		}

		private void answer(HttpExchange exchange) throws IOException {
			try (InputStream body = exchange.getRequestBody()) {
				body.transferTo(OutputStream.nullOutputStream());
			}
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
			this.requests.incrementAndGet();
		}

		@Override
		public void close() {
			this.server.stop(0);
			this.executor.shutdownNow();
		}

	}

	/** The application the benchmark starts: the starter's auto-configuration and nothing else. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ScaleApplication {

	}

}
