package dev.webhooks.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import javax.sql.DataSource;

import dev.webhooks.delivery.DeliveryRepository;
import dev.webhooks.delivery.HttpClient5WebhookTransport;
import dev.webhooks.publish.WebhookPublisher;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Sustained deliveries per second, publish latency and publish-to-delivered latency of the starter on H2 and
 * on PostgreSQL, next to wrk's ceiling for the same receiver, all in one run. See docs/benchmarks.md.
 */
public final class DeliveryBenchmark {

	private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

	private static final int THROUGHPUT_EVENTS = Integer.getInteger("bench.events", 100_000);

	private static final int WARMUP_EVENTS = Integer.getInteger("bench.warmup", 300_000);

	private static final int WINDOWS = Integer.getInteger("bench.windows", 3);

	private static final int PUBLISHER_THREADS = Integer.getInteger("bench.publishers", 16);

	/** The CPU time of the publishers of every window so far, each counted once its thread is done. */
	private static final AtomicLong PUBLISHERS_CPU = new AtomicLong();

	private static final Duration LATENCY_RUN = Duration.ofSeconds(Long.getLong("bench.latency-seconds", 10));

	/** Vacuum and analyse PostgreSQL's outbox tables between phases, as autovacuum would. */
	private static final boolean VACUUM = Boolean.parseBoolean(System.getProperty("bench.vacuum", "true"));

	/**
	 * Run the floor of a publish beside the latency run: pgbench's durable one-row insert on PostgreSQL, a bare
	 * one-row insert into an H2 file database of its own on H2 in a file.
	 */
	private static final boolean FLOOR = Boolean.parseBoolean(System.getProperty("bench.floor", "true"));

	private static final Duration WRK_RUN = Duration.ofSeconds(Long.getLong("bench.wrk-seconds", 10));

	/** Measure the HTTP floor (a bare HttpClient 5 async client, and our transport alone) beside the ceiling. */
	private static final boolean HTTP_FLOOR = Boolean.parseBoolean(System.getProperty("bench.http-floor", "true"));

	/**
	 * Measure the database floor (pgbench writing a delivery's rows, {@link DatabaseFloor}) beside the ceiling when
	 * a PostgreSQL store is run.
	 */
	private static final boolean DATABASE_FLOOR = Boolean
		.parseBoolean(System.getProperty("bench.database-floor", "true"));

	/**
	 * pgbench's clients for the database floor: of 2, 4, 8 and 16 in one sweep on this machine kind, 4 and 8 recorded
	 * the most deliveries per second (2 about 40% fewer, 16 a little fewer).
	 */
	private static final int DATABASE_FLOOR_CLIENTS = 4;

	/** Requests in flight of the engine to the benchmark's one endpoint (the starter's default unless set). */
	private static final int ENGINE_IN_FLIGHT = Integer.getInteger("webhooks.delivery.max-in-flight-per-endpoint", 10);

	/** Requests in flight of wrk's ceiling, which the floor also measures at. */
	private static final int WRK_CONNECTIONS = 32;

	/**
	 * Declare a JSON Schema for bench.tick, so every payload is turned into a tree, stripped by it and written from
	 * the tree (webhooks.publisher.schema-validation, lenient unless set, says whether it is validated too).
	 */
	private static final boolean SCHEMA = Boolean.getBoolean("bench.schema");

	private DeliveryBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		try (LoopbackReceiver receiver = new LoopbackReceiver(4)) {
			byte[] sampleBody = sampleEnvelope();
			HttpClientFloor httpFloor = HTTP_FLOOR ? new HttpClientFloor(receiver.port(), sampleBody, engineClientSettings())
					: null;
			// a first wrk run (and floor run) warms the receiver (and the client) up and is not counted; the ceiling
			// and the floor are then taken before, between and after the stores and the medians kept, as the
			// machine's speed drifts over a run
			WrkCeiling.measure(receiver.port(), sampleBody, WRK_CONNECTIONS, Duration.ofSeconds(3));
			if (httpFloor != null) {
				httpFloor.bare(ENGINE_IN_FLIGHT, Duration.ofSeconds(3));
				httpFloor.transport(ENGINE_IN_FLIGHT, Duration.ofSeconds(3));
				receiver.reset();
			}
			List<Double> ceilings = new ArrayList<>();
			List<HttpFloor> floors = new ArrayList<>();
			List<Double> databaseFloors = new ArrayList<>();
			String[] stores = System.getProperty("bench.stores", "h2,h2-file,postgresql").split(",");
			boolean databaseFloor = DATABASE_FLOOR && PgbenchFloor.available()
					&& Stream.of(stores).anyMatch((store) -> store.strip().startsWith("postgresql"));
			ceilings.add(measureCeiling(receiver, sampleBody));
			measureHttpFloor(httpFloor, receiver, floors);
			measureDatabaseFloor(databaseFloor, sampleBody, databaseFloors);
			List<StoreResult> results = new ArrayList<>();
			for (String store : stores) {
				if (store.isBlank()) {
					// -Dbench.stores= measures the ceiling and the HTTP floor alone
					continue;
				}
				results.add(runStore(store.strip(), receiver));
				ceilings.add(measureCeiling(receiver, sampleBody));
				measureHttpFloor(httpFloor, receiver, floors);
				measureDatabaseFloor(databaseFloor, sampleBody, databaseFloors);
			}
			if (httpFloor != null) {
				httpFloor.close();
			}
			double ceiling = median(ceilings);
			System.out.println();
			System.out.printf(Locale.ROOT,
					"Receiver ceiling measured with wrk (-t2 -c%d, %d s, %d-byte POST): median %.0f requests/s of %s%n",
					WRK_CONNECTIONS, WRK_RUN.toSeconds(), sampleBody.length, ceiling, rounded(ceilings));
			double floor = 0;
			if (!floors.isEmpty()) {
				floor = median(floors.stream().map(HttpFloor::bareAtEngine).toList());
				double bare32 = median(floors.stream().map(HttpFloor::bareAtWrk).toList());
				double transport = median(floors.stream().map(HttpFloor::transportAtEngine).toList());
				System.out.printf(Locale.ROOT,
						"HTTP floor, bare HttpClient 5 async (%d I/O thread(s), no database, no signing, %d s, same POST to /hook): %d in flight median %.0f requests/s (%.0f%% of the ceiling) of %s; %d in flight median %.0f (%.0f%%) of %s%n",
						engineClientSettings().ioThreads(), WRK_RUN.toSeconds(), ENGINE_IN_FLIGHT, floor,
						100 * floor / ceiling, rounded(floors.stream().map(HttpFloor::bareAtEngine).toList()),
						WRK_CONNECTIONS, bare32, 100 * bare32 / ceiling,
						rounded(floors.stream().map(HttpFloor::bareAtWrk).toList()));
				System.out.printf(Locale.ROOT,
						"Our transport alone (HttpClient5WebhookTransport, pre-signed requests, %d in flight): median %.0f requests/s (%.0f%% of the floor) of %s%n",
						ENGINE_IN_FLIGHT, transport, 100 * transport / floor,
						rounded(floors.stream().map(HttpFloor::transportAtEngine).toList()));
			}
			double bound = 0;
			if (!databaseFloors.isEmpty()) {
				double database = median(databaseFloors);
				System.out.printf(Locale.ROOT, "Database floor (%s, %d s each): median %.0f deliveries/s of %s%n",
						DatabaseFloor.describe(PUBLISHER_THREADS, DATABASE_FLOOR_CLIENTS), WRK_RUN.toSeconds(), database,
						rounded(databaseFloors));
				if (floor > 0) {
					// each floor takes both cores; a delivery needs the work of both, so on the same two cores
					bound = 1 / (1 / floor + 1 / database);
					System.out.printf(Locale.ROOT,
							"Bound of a durable delivery on PostgreSQL on these cores, 1 / (1 / HTTP floor + 1 / database floor): %.0f deliveries/s (%.0f%% of the ceiling)%n",
							bound, 100 * bound / ceiling);
				}
			}
			System.out.println();
			System.out.println("| store | sustained deliveries/s (median, range of " + WINDOWS + " windows) | % of ceiling | % of HTTP floor | % of HTTP + database bound | engine + database CPU per delivery (median) | publish p50 | publish p99 | floor p50 / p99 (beside it) | publish p99 / floor p99 | publish-to-delivered p50 | publish-to-delivered p99 | latency run rate |");
			System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
			double httpFloorRate = floor;
			double boundRate = bound;
			results.forEach((result) -> System.out.println(result.row(ceiling, httpFloorRate, boundRate)));
		}
		System.exit(0);
	}

	/** The engine's client settings: the starter's defaults, or what the run's system properties set. */
	private static HttpClient5WebhookTransport.Settings engineClientSettings() {
		Integer ioThreads = Integer.getInteger("webhooks.delivery.io-threads");
		int maxInFlight = Integer.getInteger("webhooks.delivery.max-in-flight", 200);
		return new HttpClient5WebhookTransport.Settings(Duration.ofSeconds(5), Duration.ofSeconds(10), maxInFlight,
				maxInFlight, 4096, (ioThreads != null) ? ioThreads : HttpClient5WebhookTransport.Settings.defaultIoThreads());
	}

	private static void measureHttpFloor(HttpClientFloor httpFloor, LoopbackReceiver receiver, List<HttpFloor> floors)
			throws InterruptedException {
		if (httpFloor == null) {
			return;
		}
		HttpFloor floor = new HttpFloor(httpFloor.bare(ENGINE_IN_FLIGHT, WRK_RUN), httpFloor.bare(WRK_CONNECTIONS, WRK_RUN),
				httpFloor.transport(ENGINE_IN_FLIGHT, WRK_RUN));
		receiver.reset();
		System.out.printf(Locale.ROOT,
				"HTTP floor: bare HttpClient 5 %.0f requests/s with %d in flight, %.0f with %d; our transport alone %.0f with %d%n",
				floor.bareAtEngine(), ENGINE_IN_FLIGHT, floor.bareAtWrk(), WRK_CONNECTIONS, floor.transportAtEngine(),
				ENGINE_IN_FLIGHT);
		floors.add(floor);
	}

	private static void measureDatabaseFloor(boolean enabled, byte[] envelope, List<Double> floors) throws Exception {
		if (!enabled) {
			return;
		}
		double floor = DatabaseFloor.measure(PUBLISHER_THREADS, DATABASE_FLOOR_CLIENTS, WRK_RUN, envelope);
		System.out.printf(Locale.ROOT, "Database floor: %.0f deliveries/s%n", floor);
		floors.add(floor);
	}

	private static double median(List<Double> values) {
		return values.stream().sorted().toList().get(values.size() / 2);
	}

	private static List<String> rounded(List<Double> values) {
		return values.stream().map((c) -> String.format(Locale.ROOT, "%.0f", c)).toList();
	}

	private static StoreResult runStore(String store, LoopbackReceiver receiver)
			throws Exception {
		switch (store) {
			case "h2" -> {
				return run("H2 (embedded, in memory: not a durable outbox, a restart loses every pending delivery)",
						"jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1", "sa", receiver, Kind.H2, false);
			}
			case "h2-file" -> {
				Path directory = Files.createTempDirectory("bench-h2-file");
				try {
					// no WRITE_DELAY in the URL: the starter sets it to 0 (H2WriteDelay), as it does for users
					return run("H2 (embedded, file)", "jdbc:h2:file:" + directory.resolve("bench"), "sa", receiver,
							Kind.H2, false);
				}
				finally {
					try (Stream<Path> files = Files.walk(directory)) {
						files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
					}
				}
			}
			case "postgresql", "postgresql-without-log-indexes" -> {
				boolean withoutLogIndexes = !store.equals("postgresql");
				try (PostgresBenchSchema schema = PostgresBenchSchema.create("webhooks_bench")) {
					return run("PostgreSQL (loopback)" + (withoutLogIndexes ? ", without the delivery-log indexes" : ""),
							schema.url(), "postgres", receiver, Kind.POSTGRESQL, withoutLogIndexes);
				}
			}
			default -> throw new IllegalArgumentException(
					"bench.stores takes h2, h2-file, postgresql and postgresql-without-log-indexes, not " + store);
		}
	}

	private static double measureCeiling(LoopbackReceiver receiver, byte[] sampleBody) throws Exception {
		double ceiling = WrkCeiling.measure(receiver.port(), sampleBody, WRK_CONNECTIONS, WRK_RUN);
		System.out.printf(Locale.ROOT, "wrk ceiling of the receiver: %.0f requests/s%n", ceiling);
		return ceiling;
	}

	/**
	 * @param kind on H2 (in memory or in a file, whose pages H2 caches in the heap) the delivered rows are purged
	 * after each phase with the store's own retention purge, as retention would in a running application, so that
	 * the heap holds one phase's rows rather than half a million (whose garbage collection pauses, 80 to 240 ms,
	 * would be what the latency run measures); on PostgreSQL the outbox tables are vacuumed and analysed after each
	 * phase, as autovacuum would (this machine's PostgreSQL has autovacuum off), and pgbench measures the floor of
	 * a durable insert beside the latency run
	 * @param withoutLogIndexes drop the delivery log's three indexes before the run (PostgreSQL)
	 */
	private static StoreResult run(String name, String url, String user, LoopbackReceiver receiver, Kind kind,
			boolean withoutLogIndexes) throws Exception {
		System.out.println("== " + name + (SCHEMA ? ", with a schema for bench.tick" : ""));
		boolean inHeap = kind == Kind.H2;
		try (ConfigurableApplicationContext context = start(url, user, receiver.port())) {
			if (withoutLogIndexes) {
				// the three indexes the management API's delivery log added (issue 10), to measure what they cost
				new JdbcTemplate(context.getBean(DataSource.class)).execute("DROP INDEX webhook_event_tenant_log_idx, "
						+ "webhook_event_tenant_type_idx, webhook_delivery_log_status_idx");
			}
			WebhookPublisher publisher = context.getBean(WebhookPublisher.class);
			DeliveryRepository deliveries = context.getBean(DeliveryRepository.class);
			receiver.reset();
			publishFlat(publisher, WARMUP_EVENTS, receiver);
			awaitOutcomesWritten(deliveries);
			cleanUp(inHeap, deliveries, context);
			// several windows, the median reported: one window on two shared cores moves by 10 to 20% from run to run
			double[] windows = new double[WINDOWS];
			double[] cpu = new double[WINDOWS];
			CpuMeter meter = new CpuMeter(LoopbackReceiver::isReceiverThread,
					(kind == Kind.POSTGRESQL) ? context.getBean(DataSource.class) : null, PUBLISHERS_CPU::get);
			for (int w = 0; w < WINDOWS; w++) {
				receiver.reset();
				CpuMeter.Sample before = meter.sample();
				long start = System.nanoTime();
				publishFlat(publisher, THROUGHPUT_EVENTS, receiver);
				// a delivery counts once its outcome is committed, not when the receiver has it
				awaitOutcomesWritten(deliveries);
				double seconds = (System.nanoTime() - start) / 1e9;
				CpuMeter.Sample after = meter.sample();
				cleanUp(inHeap, deliveries, context);
				windows[w] = THROUGHPUT_EVENTS / seconds;
				cpu[w] = before.engineAndPostgresMicros(after, THROUGHPUT_EVENTS);
				System.out.printf(Locale.ROOT, "window %d: %d events delivered in %.2f s = %.0f deliveries/s; %s%n",
						w + 1, THROUGHPUT_EVENTS, seconds, windows[w],
						before.perDelivery(after, THROUGHPUT_EVENTS, seconds));
				System.out.println(before.engineThreads(after, THROUGHPUT_EVENTS));
			}
			Arrays.sort(windows);
			Arrays.sort(cpu);
			double sustained = windows[WINDOWS / 2];
			String range = String.format(Locale.ROOT, "%.0f–%.0f", windows[0], windows[WINDOWS - 1]);
			System.out.printf(Locale.ROOT, "sustained: median of %d windows %.0f deliveries/s (%s); engine and its database %.1f µs CPU per delivery (median)%n",
					WINDOWS, sustained, range, cpu[WINDOWS / 2]);
			receiver.reset();
			double rate = sustained / 2;
			Percentiles floor = null;
			LatencyResult latency;
			if (kind == Kind.POSTGRESQL && FLOOR && PgbenchFloor.available()) {
				// the same rate from as many clients, at the same time: both see the same load on the two cores
				try (PgbenchFloor pgbench = PgbenchFloor.start(url, rate, PUBLISHER_THREADS, LATENCY_RUN)) {
					latency = publishAtRate(publisher, rate, LATENCY_RUN, receiver);
					floor = pgbench.awaitLatencies();
				}
				System.out.printf(Locale.ROOT, "  floor, pgbench one-row durable insert at %.0f/s from %d clients beside it: p50 %.3f ms p99 %.3f ms (%d transactions)%n",
						rate, PUBLISHER_THREADS, floor.millis(50), floor.millis(99), floor.count());
			}
			else if (url.startsWith("jdbc:h2:file:") && FLOOR) {
				try (H2FileFloor h2 = H2FileFloor.start(rate, PUBLISHER_THREADS, LATENCY_RUN)) {
					latency = publishAtRate(publisher, rate, LATENCY_RUN, receiver);
					floor = h2.awaitLatencies();
				}
				System.out.printf(Locale.ROOT, "  floor, H2 file one-row insert (WRITE_DELAY=0) at %.0f/s from %d threads beside it: p50 %.3f ms p99 %.3f ms (%d inserts)%n",
						rate, PUBLISHER_THREADS, floor.millis(50), floor.millis(99), floor.count());
			}
			else {
				latency = publishAtRate(publisher, rate, LATENCY_RUN, receiver);
			}
			System.out.printf(Locale.ROOT, "at %.0f events/s: publish p50 %.3f ms p99 %.3f ms; publish-to-delivered p50 %.2f ms p99 %.2f ms (%d events)%n",
					rate, latency.publish.millis(50), latency.publish.millis(99), latency.delivered.millis(50),
					latency.delivered.millis(99), latency.delivered.count());
			return new StoreResult(name + (SCHEMA ? ", schema on" : ""), sustained, range, cpu[WINDOWS / 2], latency, rate,
					floor);
		}
	}

	private static ConfigurableApplicationContext start(String url, String user, int receiverPort) {
		List<String> schema = SCHEMA ? List.of("webhooks.event-types[0].type=bench.tick",
				"webhooks.event-types[0].schema.type=object", "webhooks.event-types[0].schema.required[0]=n",
				"webhooks.event-types[0].schema.properties.n.type=integer",
				"webhooks.event-types[0].schema.properties.text.type=string") : List.of();
		return new SpringApplicationBuilder(BenchmarkApplication.class).web(WebApplicationType.NONE)
			.properties(schema.toArray(String[]::new))
			// how CpuMeter finds the engine's backends
			.properties(url.startsWith("jdbc:postgresql:")
					? "spring.datasource.hikari.data-source-properties.ApplicationName=" + CpuMeter.APPLICATION_NAME : "")
			.properties("spring.datasource.url=" + url, "spring.datasource.username=" + user,
					"spring.datasource.password=", "spring.datasource.hikari.maximum-pool-size=10",
					"webhooks.store.initialize-schema=always", "webhooks.publisher.strict-event-types=false",
					"webhooks.delivery.url-guard.allow-http=true",
					"webhooks.delivery.url-guard.allow-private-networks=true",
					"webhooks.endpoints[0].id=bench", "webhooks.endpoints[0].url=http://127.0.0.1:" + receiverPort + "/hook",
					"webhooks.endpoints[0].secrets[0]=" + SECRET, "logging.level.root=WARN",
					"spring.main.banner-mode=off")
			.run();
	}

	/** Publishes as fast as the publishers go and waits until the receiver has every event. */
	private static void publishFlat(WebhookPublisher publisher, int events, LoopbackReceiver receiver)
			throws InterruptedException {
		ExecutorService pool = Executors.newFixedThreadPool(PUBLISHER_THREADS);
		AtomicInteger next = new AtomicInteger();
		for (int t = 0; t < PUBLISHER_THREADS; t++) {
			pool.execute(() -> {
				while (next.getAndIncrement() < events) {
					publisher.publish("bench.tick", Map.of("n", next.get(), "text", "benchmark payload"));
				}
				// the pool's threads end with the window, before CpuMeter could read them
				PUBLISHERS_CPU.addAndGet(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
			});
		}
		long start = System.nanoTime();
		pool.shutdown();
		pool.awaitTermination(10, TimeUnit.MINUTES);
		long published = System.nanoTime();
		awaitReceived(receiver, events);
		System.out.printf(Locale.ROOT, "  %d events published in %.2f s, all delivered %.2f s after the first publish%n",
				events, (published - start) / 1e9, (System.nanoTime() - start) / 1e9);
	}

	private static LatencyResult publishAtRate(WebhookPublisher publisher, double rate, Duration duration,
			LoopbackReceiver receiver) throws InterruptedException {
		// as many paced threads as publishers: two threads could not offer the rate once a publish takes longer
		// than their interval
		int threads = PUBLISHER_THREADS;
		long intervalNanos = (long) (threads * 1e9 / rate);
		int perThread = (int) (duration.toNanos() / intervalNanos);
		Map<String, Long> started = new ConcurrentHashMap<>();
		long[] publishNanos = new long[perThread * threads];
		CountDownLatch done = new CountDownLatch(threads);
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		for (int t = 0; t < threads; t++) {
			int offset = t * perThread;
			pool.execute(() -> {
				long next = System.nanoTime();
				for (int i = 0; i < perThread; i++) {
					// park rather than spin: a spinning publisher would take a core from the engine it measures
					for (long wait = next - System.nanoTime(); wait > 0; wait = next - System.nanoTime()) {
						LockSupport.parkNanos(wait);
					}
					long begin = System.nanoTime();
					String id = publisher.publish("bench.tick", Map.of("n", i, "text", "benchmark payload"));
					publishNanos[offset + i] = System.nanoTime() - begin;
					started.put(id, begin);
					next += intervalNanos;
				}
				done.countDown();
			});
		}
		done.await();
		pool.shutdown();
		awaitReceived(receiver, started.size());
		long[] delivered = started.entrySet().stream().mapToLong(e -> receiver.arrival(e.getKey()) - e.getValue()).toArray();
		return new LatencyResult(new Percentiles(publishNanos), new Percentiles(delivered));
	}

	/** Outside the timed part: what retention or autovacuum would do in a running application. */
	private static void cleanUp(boolean inHeap, DeliveryRepository deliveries, ConfigurableApplicationContext context) {
		if (inHeap) {
			int purged = deliveries.purgeCreatedBefore(Instant.now().plusSeconds(1), 10_000);
			System.out.printf(Locale.ROOT, "  purged %d delivered events from H2%n", purged);
			return;
		}
		if (VACUUM) {
			long start = System.nanoTime();
			JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
			for (String table : List.of("webhook_event", "webhook_delivery", "webhook_attempt")) {
				jdbc.execute("VACUUM (ANALYZE) " + table);
			}
			System.out.printf(Locale.ROOT, "  vacuumed and analysed the outbox tables in %.2f s%n",
					(System.nanoTime() - start) / 1e9);
		}
	}

	private static void awaitOutcomesWritten(DeliveryRepository deliveries) throws InterruptedException {
		long start = System.nanoTime();
		long deadline = start + TimeUnit.MINUTES.toNanos(5);
		long pending;
		while ((pending = deliveries.countPending()) > 0) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(pending + " deliveries still pending after 5 minutes");
			}
			Thread.sleep(5);
		}
		System.out.printf(Locale.ROOT, "  every outcome written %.2f s after the receiver had every event%n",
				(System.nanoTime() - start) / 1e9);
	}

	private static void awaitReceived(LoopbackReceiver receiver, long expected) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
		while (receiver.received() < expected) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Only " + receiver.received() + " of " + expected + " delivered in 5 minutes");
			}
			Thread.sleep(1);
		}
	}

	private static byte[] sampleEnvelope() {
		return ("{\"id\":\"evt_01JD0000000000000000000000\",\"object\":\"event\",\"type\":\"bench.tick\","
				+ "\"created\":\"2026-11-22T20:00:00.000Z\",\"data\":{\"object\":{\"n\":1,\"text\":\"benchmark payload\"}}}")
			.getBytes(StandardCharsets.UTF_8);
	}

	private enum Kind {

		H2, POSTGRESQL

	}

	private record LatencyResult(Percentiles publish, Percentiles delivered) {
	}

	/** One measurement of the HTTP floor, requests per second. */
	private record HttpFloor(double bareAtEngine, double bareAtWrk, double transportAtEngine) {
	}

	/** One store's figures, made into a table row once the ceiling is known. */
	private record StoreResult(String name, double sustained, String range, double cpuMicros, LatencyResult latency,
			double rate, Percentiles floor) {

		String row(double ceiling, double httpFloor, double bound) {
			String floorColumns = (this.floor != null) ? String.format(Locale.ROOT, "%.3f / %.3f ms | %.2f×",
					this.floor.millis(50), this.floor.millis(99), this.latency.publish.millis(99) / this.floor.millis(99))
					: "– | –";
			String ofFloor = (httpFloor > 0) ? String.format(Locale.ROOT, "%.0f%%", 100 * this.sustained / httpFloor) : "–";
			// the database floor is PostgreSQL's
			String ofBound = (bound > 0 && this.name.startsWith("PostgreSQL"))
					? String.format(Locale.ROOT, "%.0f%%", 100 * this.sustained / bound) : "–";
			return String.format(Locale.ROOT, "| %s | %.0f (%s) | %.0f%% | %s | %s | %.1f µs | %.3f ms | %.3f ms | %s | %.2f ms | %.2f ms | %.0f/s |",
					this.name, this.sustained, this.range, 100 * this.sustained / ceiling, ofFloor, ofBound, this.cpuMicros,
					this.latency.publish.millis(50), this.latency.publish.millis(99), floorColumns,
					this.latency.delivered.millis(50), this.latency.delivered.millis(99), this.rate);
		}

	}

	/** The application the benchmark starts: the starter's auto-configuration and nothing else. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class BenchmarkApplication {

	}

}
