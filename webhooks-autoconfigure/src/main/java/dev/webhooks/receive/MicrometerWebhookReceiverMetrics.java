package dev.webhooks.receive;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Receiving metrics in Micrometer:
 * <ul>
 * <li>{@code webhooks.received} (counter), tags {@code source} and {@code outcome};</li>
 * <li>{@code webhooks.listener} (timer), tags {@code source}, {@code listener} and {@code outcome}
 * ({@code success} or {@code error});</li>
 * <li>{@code webhooks.listener.async.retries} and {@code webhooks.listener.async.failures} (counters), tag
 * {@code source}.</li>
 * </ul>
 */
public class MicrometerWebhookReceiverMetrics implements WebhookReceiverMetrics {

	private final MeterRegistry registry;

	public MicrometerWebhookReceiverMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void received(String source, ReceiveOutcome outcome) {
		Counter.builder("webhooks.received")
			.description("Webhook requests received, by source and outcome")
			.tag("source", source)
			.tag("outcome", outcome.tag())
			.register(this.registry)
			.increment();
	}

	@Override
	public void listenerCalled(WebhookListenerMethod listener, Duration duration, Throwable failure) {
		Timer.builder("webhooks.listener")
			.description("Calls of @WebhookListener methods")
			.tag("source", listener.getSource())
			.tag("listener", listener.getId())
			.tag("outcome", (failure != null) ? "error" : "success")
			.register(this.registry)
			.record(duration);
	}

	@Override
	public void asyncRetried(String source) {
		Counter.builder("webhooks.listener.async.retries")
			.description("Retries of asynchronously received webhooks whose listener failed")
			.tag("source", source)
			.register(this.registry)
			.increment();
	}

	@Override
	public void asyncFailed(String source) {
		Counter.builder("webhooks.listener.async.failures")
			.description("Asynchronously received webhooks given up after every retry failed")
			.tag("source", source)
			.register(this.registry)
			.increment();
	}

}
