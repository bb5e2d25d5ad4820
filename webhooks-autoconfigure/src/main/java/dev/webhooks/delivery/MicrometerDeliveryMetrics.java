package dev.webhooks.delivery;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * {@link DeliveryMetrics} on Micrometer:
 * <ul>
 * <li>{@code webhooks.deliveries}: attempts counted by {@code outcome} (delivered, retried, failed, dead) and
 * {@code event.type};</li>
 * <li>{@code webhooks.delivery.attempt}: attempt durations by {@code outcome} and {@code event.type};</li>
 * <li>{@code webhooks.delivery.latency}: publish-to-delivered time by {@code event.type};</li>
 * <li>{@code webhooks.delivery.backlog} and {@code webhooks.delivery.dead}: gauges read through a
 * {@link DeliveryBacklog}, so a scrape does not query the database each time.</li>
 * </ul>
 * Nothing is tagged by URL or endpoint: those are unbounded and may be secret.
 */
public class MicrometerDeliveryMetrics implements DeliveryMetrics {

	private final MeterRegistry registry;

	private final Map<Key, Counter> counters = new ConcurrentHashMap<>();

	private final Map<Key, Timer> attemptTimers = new ConcurrentHashMap<>();

	private final Map<String, Timer> latencyTimers = new ConcurrentHashMap<>();

	/**
	 * Create the metrics and register the backlog gauges.
	 * @param registry the registry
	 * @param backlog the cached backlog counts
	 */
	public MicrometerDeliveryMetrics(MeterRegistry registry, DeliveryBacklog backlog) {
		this.registry = registry;
		Gauge.builder("webhooks.delivery.backlog", backlog, DeliveryBacklog::pending)
			.description("Webhook deliveries pending (not yet delivered, failed or dead)")
			.strongReference(true)
			.register(registry);
		Gauge.builder("webhooks.delivery.dead", backlog, DeliveryBacklog::dead)
			.description("Webhook deliveries dead after their last attempt")
			.strongReference(true)
			.register(registry);
	}

	@Override
	public void attempted(String eventType, AttemptResult result, Duration duration) {
		Key key = new Key(eventType, result);
		this.counters.computeIfAbsent(key, (k) -> Counter.builder("webhooks.deliveries")
			.description("Webhook delivery attempts by outcome")
			.tag("outcome", k.result().tag())
			.tag("event.type", k.eventType())
			.register(this.registry)).increment();
		this.attemptTimers.computeIfAbsent(key, (k) -> Timer.builder("webhooks.delivery.attempt")
			.description("Duration of webhook delivery attempts")
			.tag("outcome", k.result().tag())
			.tag("event.type", k.eventType())
			.register(this.registry)).record(duration);
	}

	@Override
	public void delivered(String eventType, Duration sincePublished) {
		this.latencyTimers.computeIfAbsent(eventType, (type) -> Timer.builder("webhooks.delivery.latency")
			.description("Time from publishing a webhook event to its successful delivery")
			.tag("event.type", type)
			.register(this.registry)).record(sincePublished);
	}

	private record Key(String eventType, AttemptResult result) {
	}

}
