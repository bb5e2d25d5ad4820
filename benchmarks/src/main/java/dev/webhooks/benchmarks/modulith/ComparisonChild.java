package dev.webhooks.benchmarks.modulith;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

import dev.webhooks.publish.WebhookPublisher;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One side of {@link ModulithComparison} in a JVM of its own, so it can be killed with SIGKILL: starts the
 * application ({@code ours} or {@code modulith}) on the given schema, publishes the given number of events from 16
 * threads, printing {@code A <id>} once each publish has returned (the caller then knows it was accepted), then
 * {@code PUBLISHED} with the publish latencies, and runs until it is stopped. With 0 events it only starts, which is
 * the restart after a crash.
 */
public final class ComparisonChild {

	private ComparisonChild() {
	}

	public static void main(String[] args) throws Exception {
		String side = args[0];
		String url = args[1];
		int receiverPort = Integer.parseInt(args[2]);
		int events = Integer.parseInt(args[3]);
		int threads = Integer.getInteger("bench.publishers", 16);
		String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
		System.setProperty("bench.receiver-url", "http://127.0.0.1:" + receiverPort + "/hook");
		System.setProperty("bench.secret", secret);
		List<String> properties = new ArrayList<>(List.of("spring.datasource.url=" + url,
				"spring.datasource.username=postgres", "spring.datasource.password=",
				"spring.datasource.hikari.maximum-pool-size=10", "webhooks.store.initialize-schema=always",
				"webhooks.publisher.strict-event-types=false", "webhooks.delivery.url-guard.allow-http=true",
				"webhooks.delivery.url-guard.allow-private-networks=true", "logging.level.root=WARN",
				"spring.main.banner-mode=off", "spring.modulith.events.jdbc.schema-initialization.enabled=true",
				"spring.modulith.events.republish-outstanding-events-on-restart=true",
				"spring.modulith.republish-outstanding-events-on-restart=true"));
		if (side.equals("ours")) {
			properties.addAll(List.of("webhooks.endpoints[0].id=bench",
					"webhooks.endpoints[0].url=http://127.0.0.1:" + receiverPort + "/hook",
					"webhooks.endpoints[0].secrets[0]=" + secret));
		}
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ComparisonApplication.class)
			.web(WebApplicationType.NONE)
			.properties(properties.toArray(String[]::new))
			.run();
		BiFunction<String, Map<String, Object>, String> publish = side.equals("ours")
				? context.getBean(WebhookPublisher.class)::publish
				: context.getBean(ComparisonApplication.ModulithWebhooks.class)::publish;
		System.out.println("STARTED");
		if (events > 0) {
			long[] nanos = new long[events];
			AtomicInteger next = new AtomicInteger();
			ExecutorService pool = Executors.newFixedThreadPool(threads);
			for (int t = 0; t < threads; t++) {
				pool.execute(() -> {
					int n;
					while ((n = next.getAndIncrement()) < events) {
						long begin = System.nanoTime();
						String id = publish.apply("bench.tick", Map.<String, Object>of("n", n, "text", "benchmark payload"));
						nanos[n] = System.nanoTime() - begin;
						System.out.println("A " + id);
					}
				});
			}
			pool.shutdown();
			pool.awaitTermination(1, TimeUnit.HOURS);
			Arrays.sort(nanos);
			System.out.printf(Locale.ROOT, "PUBLISHED %d p50 %.3f p99 %.3f%n", events, nanos[events / 2] / 1e6,
					nanos[(int) Math.ceil(events * 0.99) - 1] / 1e6);
		}
		Thread.sleep(Long.MAX_VALUE);
	}

}
