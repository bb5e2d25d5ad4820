package dev.webhooks.publish;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts published events in the {@code webhooks.published} counter and the properties event-type schemas
 * stripped from their payloads in {@code webhooks.payload.stripped}, both tagged with the event type.
 */
public class MicrometerPublishMetrics implements PublishMetrics {

	/** The counter's name. */
	public static final String PUBLISHED = "webhooks.published";

	/** The counter of stripped properties. */
	public static final String STRIPPED = "webhooks.payload.stripped";

	private final MeterRegistry registry;

	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	private final Map<String, Counter> strippedCounters = new ConcurrentHashMap<>();

	public MicrometerPublishMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void published(String eventType) {
		this.counters.computeIfAbsent(eventType, (type) -> Counter.builder(PUBLISHED)
			.description("Webhook events committed to the outbox")
			.tag("event.type", type)
			.register(this.registry)).increment();
	}

	@Override
	public void stripped(String eventType, int properties) {
		this.strippedCounters.computeIfAbsent(eventType, (type) -> Counter.builder(STRIPPED)
			.description("Payload properties not declared by their event type's schema, stripped before sending")
			.tag("event.type", type)
			.register(this.registry)).increment(properties);
	}

}
