package dev.webhooks.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import dev.webhooks.signing.WebhookSecret;
import dev.webhooks.testsupport.InMemoryWebhookStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Micrometer metrics the engine records while delivering for real, and the cached backlog.
 */
class MicrometerDeliveryMetricsTests {

	@Test
	void countsAttemptsByOutcomeAndEventTypeNeverByUrl() throws Exception {
		MeterRegistry registry = new SimpleMeterRegistry();
		try (TestReceiver flaky = TestReceiver.answering(503, 200); TestReceiver rejecting = TestReceiver.answering(400);
				TestReceiver down = TestReceiver.answering(500)) {
			TestDeliveryEngine.Builder builder = TestDeliveryEngine.builder()
				.schedule(Duration.ZERO, Duration.ofMillis(50));
			try (TestDeliveryEngine engine = builder.metrics(new MicrometerDeliveryMetrics(registry,
					new DeliveryBacklog(new InMemoryWebhookStore(), Duration.ofSeconds(5), Clock.systemUTC())))
				.build()) {
				engine.endpoint("ep_flaky", flaky.url(), WebhookSecret.generate());
				engine.endpoint("ep_rejecting", rejecting.url(), WebhookSecret.generate());
				engine.endpoint("ep_down", down.url(), WebhookSecret.generate());
				String a = engine.publish(TestDeliveryEngine.event("lead.created"), "ep_flaky").get(0).deliveryId();
				String b = engine.publish(TestDeliveryEngine.event("lead.created"), "ep_rejecting").get(0).deliveryId();
				String c = engine.publish(TestDeliveryEngine.event("lead.deleted"), "ep_down").get(0).deliveryId();
				await().atMost(Duration.ofSeconds(10))
					.until(() -> engine.repository.status(a) == DeliveryStatus.SUCCEEDED
							&& engine.repository.status(b) == DeliveryStatus.FAILED
							&& engine.repository.status(c) == DeliveryStatus.DEAD);
			}
		}
		assertThat(count(registry, "delivered", "lead.created")).isEqualTo(1);
		assertThat(count(registry, "retried", "lead.created")).isEqualTo(1);
		assertThat(count(registry, "failed", "lead.created")).isEqualTo(1);
		assertThat(count(registry, "retried", "lead.deleted")).isEqualTo(1);
		assertThat(count(registry, "dead", "lead.deleted")).isEqualTo(1);
		assertThat(registry.get("webhooks.delivery.attempt").tag("outcome", "delivered").timer().count()).isEqualTo(1);
		assertThat(registry.get("webhooks.delivery.latency").tag("event.type", "lead.created").timer().count())
			.isEqualTo(1);
		for (Meter meter : registry.getMeters()) {
			assertThat(meter.getId().getTags()).noneMatch((tag) -> tag.getValue().contains("127.0.0.1")
					|| tag.getKey().contains("url") || tag.getKey().contains("endpoint"));
		}
	}

	@Test
	void backlogIsReadAtMostOncePerRefreshInterval() {
		AtomicInteger queries = new AtomicInteger();
		InMemoryWebhookStore repository = new InMemoryWebhookStore() {

			@Override
			public synchronized long countPending() {
				queries.incrementAndGet();
				return super.countPending();
			}

		};
		MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
		MeterRegistry registry = new SimpleMeterRegistry();
		new MicrometerDeliveryMetrics(registry, new DeliveryBacklog(repository, Duration.ofSeconds(5), clock));
		for (int i = 0; i < 10; i++) {
			registry.get("webhooks.delivery.backlog").gauge().value();
		}
		assertThat(queries).hasValue(1);
		clock.now = clock.now.plusSeconds(6);
		registry.get("webhooks.delivery.backlog").gauge().value();
		assertThat(queries).hasValue(2);
	}

	private static double count(MeterRegistry registry, String outcome, String eventType) {
		return registry.get("webhooks.deliveries").tag("outcome", outcome).tag("event.type", eventType).counter()
			.count();
	}

	private static final class MutableClock extends Clock {

		private Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
