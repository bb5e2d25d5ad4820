package dev.webhooks.sample.faults;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import dev.webhooks.publish.PublishRequest;
import dev.webhooks.publish.WebhookPublisher;
import dev.webhooks.sample.SampleApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One endpoint of ten hangs until the delivery timeout: the other nine keep at least 90% of the throughput they
 * have in a run without it. Both runs happen in this test, one after the other on the same machine, each on the
 * sample application (in this JVM, on a fresh in-memory H2, so neither run inherits the other's rows) publishing
 * the same events with {@link WebhookPublisher} from 8 threads as fast as it can. Throughput is the healthy
 * endpoints' deliveries per second, from the first publish until the last of them arrives (publishing and delivery
 * together, end to end). Two warm-up runs come first and are not counted; then runs without, with, with and without
 * the slow endpoint, so that a machine getting faster or slower during the test weighs on both sides alike. On a
 * noisy machine, when the ratio is under 90%, the four runs are made once more and the second set decides (the test
 * says so in its output).
 */
class SlowEndpointFaultTests {

	private static final int EVENTS = Integer.getInteger("slow.events", 5_000);

	private static final int HEALTHY = 9;

	private static final Duration TIMEOUT = Duration.ofSeconds(2);

	private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

	private static final AtomicInteger runs = new AtomicInteger();

	@Test
	void nineHealthyEndpointsKeep90PercentOfTheirThroughputWhileATenthHangsUntilTheTimeout() throws Exception {
		try (Receiver receiver = new Receiver()) {
			// the JIT and the pools warm up on whole runs of both kinds first: the first runs of a JVM are the slowest
			measure(receiver, false, EVENTS);
			measure(receiver, true, EVENTS);
			double ratio = compare(receiver);
			if (ratio < 0.9) {
				System.out.println("SlowEndpointFaultTests: under 90%, so measured once more (a noisy machine?)");
				ratio = compare(receiver);
			}
			assertThat(receiver.slowRequests.get()).as("requests the slow endpoint held").isPositive();
			assertThat(ratio).as("throughput of the nine with the slow endpoint / without it").isGreaterThanOrEqualTo(0.9);
		}
	}

	/**
	 * Runs without, with, with and without the slow endpoint (so a drift of the machine's speed during the runs
	 * weighs on both sides alike), and compares the mean rates.
	 * @return the rate with the slow endpoint over the rate without it
	 */
	private double compare(Receiver receiver) throws Exception {
		int slowBefore = receiver.slowRequests.get();
		double without1 = measure(receiver, false, EVENTS);
		double with1 = measure(receiver, true, EVENTS);
		double with2 = measure(receiver, true, EVENTS);
		double without2 = measure(receiver, false, EVENTS);
		double without = (without1 + without2) / 2;
		double with = (with1 + with2) / 2;
		double ratio = with / without;
		System.out.printf("SlowEndpointFaultTests: %d events to %d healthy endpoints, runs without/with/with/without "
				+ "the slow endpoint: %.0f, %.0f, %.0f, %.0f deliveries/s; %.0f/s without it, %.0f/s with it (%.0f%%); "
				+ "the slow one held %d requests until the %d s timeout%n", EVENTS, HEALTHY, without1, with1, with2,
				without2, without, with, ratio * 100, receiver.slowRequests.get() - slowBefore, TIMEOUT.toSeconds());
		return ratio;
	}

	/** One run: a fresh sample, the events published, the healthy endpoints' deliveries per second. */
	private double measure(Receiver receiver, boolean withSlowEndpoint, int events) throws Exception {
		receiver.reset();
		List<String> args = new ArrayList<>(List.of("--server.port=0",
				"--spring.datasource.url=jdbc:h2:mem:slow-endpoint-" + runs.incrementAndGet() + ";DB_CLOSE_DELAY=-1",
				"--webhooks.delivery.timeout=" + TIMEOUT.toSeconds() + "s",
				// the sample logs each request at INFO for its demo; that is the console's speed, not the engine's
				"--logging.level.dev.webhooks.sample.publish=WARN"));
		int endpoints = withSlowEndpoint ? HEALTHY + 1 : HEALTHY;
		for (int i = 0; i < endpoints; i++) {
			String path = (i < HEALTHY) ? "/ok" : "/slow";
			args.addAll(List.of("--webhooks.endpoints[" + i + "].id=endpoint-" + i,
					"--webhooks.endpoints[" + i + "].url=" + receiver.url(path),
					"--webhooks.endpoints[" + i + "].secrets[0]=" + SECRET,
					"--webhooks.endpoints[" + i + "].events[0]=migration.*",
					"--webhooks.endpoints[" + i + "].tenant=acme"));
		}
		try (ConfigurableApplicationContext sample = new SpringApplicationBuilder(SampleApplication.class)
			.run(args.toArray(String[]::new))) {
			WebhookPublisher publisher = sample.getBean(WebhookPublisher.class);
			long expected = (long) events * HEALTHY;
			long start = System.nanoTime();
			ExecutorService publishers = Executors.newFixedThreadPool(8);
			AtomicInteger next = new AtomicInteger();
			for (int t = 0; t < 8; t++) {
				publishers.execute(() -> {
					for (int n = next.getAndIncrement(); n < events; n = next.getAndIncrement()) {
						publisher.publish(PublishRequest.builder("migration.created")
							.data(Map.of("id", "mig_slow_" + n, "name", "Slow endpoint test", "status", "PENDING",
									"created_at", Instant.now().toString()))
							.tenant("acme")
							.build());
					}
				});
			}
			publishers.shutdown();
			assertThat(publishers.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
			double publishSeconds = (System.nanoTime() - start) / 1e9;
			await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50))
				.until(() -> receiver.healthyDeliveries.get() >= expected);
			double seconds = (receiver.lastHealthyNanos.get() - start) / 1e9;
			System.out.printf("SlowEndpointFaultTests run (%s the slow endpoint): %d events published in %.1f s, the "
					+ "%d healthy deliveries done after %.1f s%n", withSlowEndpoint ? "with" : "without", events,
					publishSeconds, expected, seconds);
			return expected / seconds;
		}
	}

	/** Answers 204 on {@code /ok}, counting; holds requests on {@code /slow} for far longer than the timeout. */
	private static final class Receiver implements AutoCloseable {

		private final AtomicLong healthyDeliveries = new AtomicLong();

		private final AtomicLong lastHealthyNanos = new AtomicLong();

		private final AtomicInteger slowRequests = new AtomicInteger();

		private final ExecutorService executor = Executors.newCachedThreadPool();

		private final HttpServer server;

		Receiver() throws IOException {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
			this.server.createContext("/ok", this::ok);
			this.server.createContext("/slow", this::slow);
			this.server.setExecutor(this.executor);
			this.server.start();
		}

		String url(String path) {
			return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
		}

		void reset() {
			this.healthyDeliveries.set(0);
		}

		private void ok(HttpExchange exchange) throws IOException {
			try (exchange; InputStream body = exchange.getRequestBody()) {
				body.readAllBytes();
				exchange.sendResponseHeaders(204, -1);
				this.lastHealthyNanos.set(System.nanoTime());
				this.healthyDeliveries.incrementAndGet();
			}
		}

		private void slow(HttpExchange exchange) throws IOException {
			try (exchange; InputStream body = exchange.getRequestBody()) {
				body.readAllBytes();
				this.slowRequests.incrementAndGet();
				Thread.sleep(TIMEOUT.multipliedBy(15).toMillis());
				exchange.sendResponseHeaders(204, -1);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		@Override
		public void close() {
			this.server.stop(0);
			this.executor.shutdownNow();
		}

	}

}
