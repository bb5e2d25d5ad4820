package dev.webhooks.publish;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts published events in the {@code webhooks.published} counter, tagged with the event type.
 */
public class MicrometerPublishMetrics implements PublishMetrics {

	/** The counter's name. */
	public static final String PUBLISHED = "webhooks.published";

	private final MeterRegistry registry;

	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

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

}
