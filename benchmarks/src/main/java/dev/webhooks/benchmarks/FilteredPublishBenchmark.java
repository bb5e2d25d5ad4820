package dev.webhooks.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import dev.webhooks.endpoint.EndpointRequest;
import dev.webhooks.endpoint.WebhookEndpoints;
import dev.webhooks.event.filter.PayloadFilter;
import dev.webhooks.publish.WebhookPublisher;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The publish cost of payload filters (docs/benchmarks.md, "Payload filters"): three applications in one JVM,
 * each with 200 endpoints on a database of its own, published to in turn, round after round, so that the three
 * share the machine's moments alike:
 * <ul>
 * <li>{@code unfiltered}: 200 endpoints without a filter (200 delivery rows per event);</li>
 * <li>{@code 100 filters pass}: 100 endpoints whose filter the event passes beside 100 without (200 rows: the
 * same write as {@code unfiltered}, so the difference is what the filters cost);</li>
 * <li>{@code 100 filters reject}: 100 endpoints whose filter the event fails beside 100 without (100 rows).</li>
 * </ul>
 * The delivery engine is left out, so the figures are the publish call alone: subscriber lookup, reading the
 * envelope once, evaluating the filters, writing the event and its delivery rows. A last phase times the filter
 * step on its own, in memory: read the envelope, evaluate 100 filters.
 * <p>
 * System properties: {@code bench.stores} ({@code h2,postgresql}, default both), {@code bench.rounds} (5),
 * {@code bench.events} (events per application and round, 1000), {@code bench.postgres-url}.
 */
public final class FilteredPublishBenchmark {

	private static final int ENDPOINTS = 200;

	private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);

	private static final int EVENTS = Integer.getInteger("bench.events", 1000);

	private static final String FILTER_PASSES = """
			{"data.object.amount": {"$gt": 100}, "data.object.currency": {"$in": ["EUR", "USD"]}}""";

	private static final String FILTER_REJECTS = """
			{"data.object.amount": {"$gt": 100}, "data.object.currency": {"$in": ["GBP", "CHF"]}}""";

	private static final Map<String, Object> PAYLOAD = Map.of("id", "ord_1", "amount", 150, "currency", "EUR",
			"customer", Map.of("id", "cus_1", "email", "someone@example.com"), "text", "benchmark payload");

	private FilteredPublishBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		String loadAtStart = loadAverage();
		String stores = System.getProperty("bench.stores", "h2,postgresql");
		List<String> rows = new ArrayList<>();
		if (stores.contains("h2")) {
			rows.addAll(compare("H2", (name) -> "jdbc:h2:mem:filters-" + name + ";DB_CLOSE_DELAY=-1", "sa"));
		}
		if (stores.contains("postgresql")) {
			List<PostgresBenchSchema> schemas = new ArrayList<>();
			try {
				rows.addAll(compare("PostgreSQL", (name) -> {
					PostgresBenchSchema schema = PostgresBenchSchema.create("webhooks_filters_" + name.replace('-', '_'));
					schemas.add(schema);
					return schema.url();
				}, "postgres"));
			}
			finally {
				for (PostgresBenchSchema schema : schemas) {
					schema.close();
				}
			}
		}
		double filterNanos = filterStepNanos();
		System.out.println();
		System.out.printf(Locale.ROOT, "%d rounds of %d events per application, one publishing thread, %d endpoints "
				+ "each, delivery engine off; /proc/loadavg at start %s, at end %s%n%n", ROUNDS, EVENTS, ENDPOINTS,
				loadAtStart, loadAverage());
		System.out.println("| store | endpoints | delivery rows per event | publishes/s (median of rounds, range) | publish p50 | publish p99 |");
		System.out.println("|---|---|---|---|---|---|");
		rows.forEach(System.out::println);
		System.out.printf(Locale.ROOT, "%nFilter step alone, in memory: read the envelope once and evaluate 100 "
				+ "filters: %.1f µs per event (%.0f ns per filter, reading included)%n", filterNanos / 1000,
				filterNanos / 100);
		System.exit(0);
	}

	private static List<String> compare(String store, UrlFactory urls, String user) throws Exception {
		String[] names = { "unfiltered", "filters-pass", "filters-reject" };
		String[] labels = { "200 unfiltered", "100 filters pass + 100 unfiltered", "100 filters reject + 100 unfiltered" };
		int[] rowsPerEvent = { 200, 200, 100 };
		List<ConfigurableApplicationContext> contexts = new ArrayList<>();
		try {
			for (int i = 0; i < names.length; i++) {
				ConfigurableApplicationContext context = start(urls.url(names[i]), user);
				contexts.add(context);
				createEndpoints(context.getBean(WebhookEndpoints.class), (i == 0) ? null
						: PayloadFilter.parse((i == 1) ? FILTER_PASSES : FILTER_REJECTS));
				// warm-up, not counted
				publish(context, EVENTS, null);
				clean(context);
			}
			List<List<Double>> rates = new ArrayList<>();
			List<List<Long>> samples = new ArrayList<>();
			for (int i = 0; i < names.length; i++) {
				rates.add(new ArrayList<>());
				samples.add(new ArrayList<>());
			}
			for (int round = 0; round < ROUNDS; round++) {
				for (int i = 0; i < names.length; i++) {
					long[] latencies = new long[EVENTS];
					long start = System.nanoTime();
					publish(contexts.get(i), EVENTS, latencies);
					double rate = EVENTS / ((System.nanoTime() - start) / 1e9);
					rates.get(i).add(rate);
					for (long latency : latencies) {
						samples.get(i).add(latency);
					}
					verifyRows(contexts.get(i), EVENTS * rowsPerEvent[i]);
					clean(contexts.get(i));
					System.out.printf(Locale.ROOT, "%s round %d %-36s %.0f publishes/s%n", store, round + 1, labels[i],
							rate);
				}
			}
			List<String> rows = new ArrayList<>();
			for (int i = 0; i < names.length; i++) {
				List<Double> sorted = rates.get(i).stream().sorted().toList();
				Percentiles latency = new Percentiles(samples.get(i).stream().mapToLong(Long::longValue).toArray());
				rows.add(String.format(Locale.ROOT, "| %s | %s | %d | %.0f (%.0f–%.0f) | %.3f ms | %.3f ms |", store,
						labels[i], rowsPerEvent[i], sorted.get(sorted.size() / 2), sorted.get(0),
						sorted.get(sorted.size() - 1), latency.millis(50), latency.millis(99)));
			}
			return rows;
		}
		finally {
			contexts.forEach(ConfigurableApplicationContext::close);
		}
	}

	private static ConfigurableApplicationContext start(String url, String user) {
		return new SpringApplicationBuilder(DeliveryBenchmark.BenchmarkApplication.class).web(WebApplicationType.NONE)
			.properties("spring.datasource.url=" + url, "spring.datasource.username=" + user,
					"spring.datasource.password=", "spring.datasource.hikari.maximum-pool-size=4",
					"webhooks.store.initialize-schema=always", "webhooks.publisher.strict-event-types=false",
					"webhooks.delivery.url-guard.allow-http=true",
					"webhooks.delivery.url-guard.allow-private-networks=true",
					"spring.autoconfigure.exclude=dev.webhooks.autoconfigure.WebhooksDeliveryAutoConfiguration",
					"logging.level.root=WARN", "spring.main.banner-mode=off")
			.run();
	}

	/** Half the endpoints carry the filter (when there is one), alternating with those without. */
	private static void createEndpoints(WebhookEndpoints endpoints, PayloadFilter filter) {
		for (int i = 0; i < ENDPOINTS; i++) {
			endpoints.create(null, new EndpointRequest("http://127.0.0.1:9/hook/" + i, null, null, null, null,
					(i % 2 == 0) ? filter : null, null, null, null));
		}
	}

	private static void publish(ConfigurableApplicationContext context, int events, long[] latencies) {
		WebhookPublisher publisher = context.getBean(WebhookPublisher.class);
		for (int n = 0; n < events; n++) {
			long start = System.nanoTime();
			publisher.publish("order.paid", PAYLOAD);
			if (latencies != null) {
				latencies[n] = System.nanoTime() - start;
			}
		}
	}

	/** Fails the run if a filter let through, or held back, what it should not have. */
	private static void verifyRows(ConfigurableApplicationContext context, int expected) {
		Integer rows = new JdbcTemplate(context.getBean(DataSource.class))
			.queryForObject("SELECT COUNT(*) FROM webhook_delivery", Integer.class);
		if (rows == null || rows != expected) {
			throw new IllegalStateException("Expected " + expected + " delivery rows, found " + rows);
		}
	}

	private static void clean(ConfigurableApplicationContext context) {
		JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
		jdbc.update("DELETE FROM webhook_delivery");
		jdbc.update("DELETE FROM webhook_event");
	}

	/** Nanoseconds per event of the filter step alone: the envelope read once, then 100 filters evaluated. */
	private static double filterStepNanos() {
		byte[] envelope = ("{\"id\":\"evt_01JD0000000000000000000000\",\"object\":\"event\",\"type\":\"order.paid\","
				+ "\"created\":\"2026-11-22T20:00:00.000Z\",\"data\":{\"object\":{\"id\":\"ord_1\",\"amount\":150,"
				+ "\"currency\":\"EUR\",\"customer\":{\"id\":\"cus_1\",\"email\":\"someone@example.com\"},"
				+ "\"text\":\"benchmark payload\"}}}").getBytes(StandardCharsets.UTF_8);
		PayloadFilter filter = PayloadFilter.parse(FILTER_PASSES);
		int passed = 0;
		long best = Long.MAX_VALUE;
		int iterations = 20_000;
		for (int round = 0; round < 15; round++) {
			long start = System.nanoTime();
			for (int i = 0; i < iterations; i++) {
				JsonNode tree = PayloadFilter.readEnvelope(envelope);
				for (int f = 0; f < 100; f++) {
					passed += filter.matches(tree) ? 1 : 0;
				}
			}
			best = Math.min(best, System.nanoTime() - start);
		}
		if (passed != 15 * iterations * 100) {
			throw new IllegalStateException("The filter did not pass every event");
		}
		return (double) best / iterations;
	}

	private static String loadAverage() {
		try {
			return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
		}
		catch (java.io.IOException ex) {
			return "unknown";
		}
	}

	@FunctionalInterface
	private interface UrlFactory {

		String url(String name) throws Exception;

	}

}
