package dev.webhooks.benchmarks.receiving;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.webhooks.benchmarks.PostgresBenchSchema;
import dev.webhooks.signing.WebhookSecret;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Requests per second of a verifying {@code @WebhookListener} against a plain {@code @PostMapping} that only binds
 * the same JSON, in the same application and the same run, with wrk. Each request to the listener carries a
 * fresh {@code webhook-id} signed in advance, so the listener verifies, de-duplicates (a miss, then a record),
 * converts and runs for every request, as for real traffic; the plain endpoint gets the very same requests. The
 * runs alternate, plain first. See docs/benchmarks.md; run it with {@code bash benchmarks/receiving.sh}.
 */
public final class ReceivingBenchmark {

	private static final WebhookSecret SECRET = WebhookSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

	private static final Duration RUN = Duration.ofSeconds(Long.getLong("bench.seconds", 15));

	private static final Duration WARMUP = Duration.ofSeconds(Long.getLong("bench.warmup-seconds", 15));

	private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);

	private static final int BODY_BYTES = Integer.getInteger("bench.body-bytes", 1024);

	/** Measure the JDBC stores' claim floor after their runs ({@link ClaimFloor}). */
	private static final boolean CLAIM_FLOOR = Boolean.parseBoolean(System.getProperty("bench.claim-floor", "true"));

	/** The most requests per second a run is expected to reach, which sizes its pool of signed requests. */
	private static final int MAX_RATE = Integer.getInteger("bench.max-rate", 80_000);

	/**
	 * Spring Modulith's event publication registry, on the module's class path for ModulithComparison only: left out
	 * here (it needs a DataSource, and this benchmark measures the receiving side alone).
	 */
	private static final String MODULITH = "org.springframework.modulith.events.config.EventPublicationAutoConfiguration,"
			+ "org.springframework.modulith.events.jdbc.JdbcEventPublicationAutoConfiguration,"
			+ "org.springframework.modulith.events.config.EventExternalizationAutoConfiguration";

	private ReceivingBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		byte[] body = envelope(BODY_BYTES);
		Path bodyFile = Files.createTempFile("receiving-body", ".json");
		Files.write(bodyFile, body);
		List<String> rows = new ArrayList<>();
		try {
			for (String store : System.getProperty("bench.stores", "memory,h2").split(",")) {
				rows.add(run(store.strip(), body, bodyFile));
			}
		}
		finally {
			Files.deleteIfExists(bodyFile);
		}
		System.out.printf(Locale.ROOT, "%nwrk -t%d -c%d, %d s per run, %d rounds, %d-byte body%n%n", WrkRun.THREADS,
				WrkRun.CONNECTIONS, RUN.toSeconds(), ROUNDS, body.length);
		System.out.println("| de-duplication store | plain @PostMapping requests/s (median, runs) | "
				+ "@WebhookListener requests/s (median, runs) | listener / plain | claim floor | bound / plain | "
				+ "listener / bound | plain p99 | listener p99 |");
		System.out.println("|---|---|---|---|---|---|---|---|---|");
		rows.forEach(System.out::println);
	}

	private static String run(String store, byte[] body, Path bodyFile) throws Exception {
		System.out.println("== " + store);
		if (!"postgresql".equals(store)) {
			return run(store, null, body, bodyFile);
		}
		try (PostgresBenchSchema schema = PostgresBenchSchema.create("webhooks_bench_receiving")) {
			return run(store, schema.url(), body, bodyFile);
		}
	}

	private static String run(String store, String postgresUrl, byte[] body, Path bodyFile) throws Exception {
		try (ConfigurableApplicationContext context = start(store, postgresUrl)) {
			String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
			ReceivingApplication.PlainEndpoint plain = context.getBean(ReceivingApplication.PlainEndpoint.class);
			ReceivingApplication.BenchListener listener = context.getBean(ReceivingApplication.BenchListener.class);
			int poolSize = (int) (MAX_RATE * Math.max(RUN.toSeconds(), WARMUP.toSeconds()));
			measure(base + "/plain", "warm-plain", poolSize, body, bodyFile, WARMUP, "warm-up plain");
			measure(base + "/webhooks/incoming/bench", store + "-warm", poolSize, body, bodyFile, WARMUP,
					"warm-up listener");
			List<WrkRun> plainRuns = new ArrayList<>();
			List<WrkRun> listenerRuns = new ArrayList<>();
			long plainBefore = plain.handled();
			long listenerBefore = listener.handled();
			for (int round = 0; round < ROUNDS; round++) {
				plainRuns.add(measure(base + "/plain", "plain-" + round, poolSize, body, bodyFile, RUN, "plain"));
				listenerRuns.add(measure(base + "/webhooks/incoming/bench", store + "-" + round, poolSize, body,
						bodyFile, RUN, "listener"));
			}
			check("plain", plainRuns, plain.handled() - plainBefore);
			check("listener", listenerRuns, listener.handled() - listenerBefore);
			double plainRate = median(plainRuns);
			double listenerRate = median(listenerRuns);
			String floorColumns = "– | – | –";
			if (CLAIM_FLOOR && !"memory".equals(store)) {
				// straight after the runs, the application idle: what one claim per request leaves of the plain rate
				double floor = "postgresql".equals(store) ? ClaimFloor.postgres(RUN) : ClaimFloor.h2(RUN);
				double bound = 1 / (1 / plainRate + 1 / floor);
				System.out.printf(Locale.ROOT, "  claim floor %.0f claims/s; bound 1 / (1/plain + 1/floor) %.0f requests/s%n",
						floor, bound);
				floorColumns = String.format(Locale.ROOT, "%.0f/s | %.0f%% | %.0f%%", floor, 100 * bound / plainRate,
						100 * listenerRate / bound);
			}
			return String.format(Locale.ROOT, "| %s | %.0f (%s) | %.0f (%s) | %.0f%% | %s | %.2f ms | %.2f ms |",
					describe(store), plainRate, rates(plainRuns), listenerRate, rates(listenerRuns),
					100 * listenerRate / plainRate, floorColumns, medianP99(plainRuns), medianP99(listenerRuns));
		}
	}

	private static WrkRun measure(String url, String run, int poolSize, byte[] body, Path bodyFile,
			Duration duration, String label) throws Exception {
		// the plain endpoint gets a pool as well, so that wrk does the same work for both
		SignedRequestPool pool = SignedRequestPool.sign(run, poolSize, WrkRun.THREADS, body, SECRET);
		try {
			WrkRun result = WrkRun.run(url, pool, bodyFile, duration);
			System.out.printf(Locale.ROOT, "  %-17s %8.0f requests/s, p50 %.2f ms, p99 %.2f ms, %d failed%n", label,
					result.requestsPerSecond(), result.p50Millis(), result.p99Millis(), result.failed());
			if (result.wrapped() > 0) {
				throw new IllegalStateException("The pool of " + poolSize + " signed requests ran out " + result.wrapped()
						+ " times in the " + label + " run: ids repeated");
			}
			return result;
		}
		finally {
			pool.delete();
		}
	}

	/** Every request answered 2xx, and every one that wrk counted reached the method. */
	private static void check(String name, List<WrkRun> runs, long handled) {
		long requests = runs.stream().mapToLong(WrkRun::requests).sum();
		long failed = runs.stream().mapToLong(WrkRun::failed).sum();
		// wrk does not count the requests in flight when a run ends (the warm-up's included), but the method
		// handles them
		if (failed > 0 || handled < requests || handled > requests + (runs.size() + 1L) * WrkRun.CONNECTIONS) {
			throw new IllegalStateException(name + ": wrk completed " + requests + " requests (" + failed
					+ " failed), the method handled " + handled);
		}
		System.out.printf(Locale.ROOT, "  %s: %d requests, all 2xx, %d handled%n", name, requests, handled);
	}

	private static ConfigurableApplicationContext start(String store, String postgresUrl) {
		List<String> properties = new ArrayList<>(List.of("server.port=0", "logging.level.root=WARN",
				"spring.main.banner-mode=off", "webhooks.receiver.sources.bench.secrets[0]=" + SECRET.reveal(),
				"server.tomcat.threads.max=" + Integer.getInteger("bench.tomcat-threads", 200)));
		switch (store) {
			case "memory" -> properties.add("spring.autoconfigure.exclude="
					+ "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration," + MODULITH);
			case "h2" -> properties.addAll(List.of("spring.autoconfigure.exclude=" + MODULITH,
					"spring.datasource.url=jdbc:h2:mem:receiving;DB_CLOSE_DELAY=-1",
					"webhooks.store.initialize-schema=always"));
			case "postgresql" -> properties.addAll(List.of("spring.autoconfigure.exclude=" + MODULITH,
					"spring.datasource.url=" + postgresUrl, "spring.datasource.username=postgres",
					"webhooks.store.initialize-schema=always"));
			default -> throw new IllegalArgumentException(
					"bench.stores takes memory, h2 and postgresql, not " + store);
		}
		return new SpringApplicationBuilder(ReceivingApplication.class).web(WebApplicationType.SERVLET)
			.properties(properties.toArray(String[]::new))
			.run();
	}

	private static String describe(String store) {
		return switch (store) {
			case "memory" -> "in memory (no DataSource)";
			case "h2" -> "JDBC, H2 in memory";
			case "postgresql" -> "JDBC, PostgreSQL";
			default -> store;
		};
	}

	private static double median(List<WrkRun> runs) {
		return runs.stream().mapToDouble(WrkRun::requestsPerSecond).sorted().toArray()[runs.size() / 2];
	}

	private static double medianP99(List<WrkRun> runs) {
		return runs.stream().mapToDouble(WrkRun::p99Millis).sorted().toArray()[runs.size() / 2];
	}

	private static String rates(List<WrkRun> runs) {
		return String.join(", ", runs.stream().map((run) -> String.format(Locale.ROOT, "%.0f", run.requestsPerSecond()))
			.toList());
	}

	/** An event envelope of the given size, its {@code data.object} padded by a log field. */
	static byte[] envelope(int bytes) {
		String head = "{\"id\":\"evt_01JD0000000000000000000000\",\"type\":\"migration.completed\","
				+ "\"timestamp\":\"2026-12-01T09:00:00Z\",\"data\":{\"object\":{\"id\":\"mig_2f9c1d7e4a6b8c03\","
				+ "\"name\":\"Acme CRM export\",\"status\":\"COMPLETE\",\"createdAt\":\"2026-12-01T08:59:00Z\",\"log\":\"";
		String tail = "\"}}}";
		StringBuilder json = new StringBuilder(head);
		String line = "step completed; ";
		for (int i = 0; json.length() + tail.length() < bytes; i++) {
			json.append(line.charAt(i % line.length()));
		}
		return json.append(tail).toString().getBytes(StandardCharsets.UTF_8);
	}

}
