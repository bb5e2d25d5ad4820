package dev.webhooks.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.webhooks.endpoint.EndpointSecret;
import dev.webhooks.endpoint.WebhookEndpoint;
import dev.webhooks.event.OutboxEvent;
import dev.webhooks.signing.WebhookSecret;
import dev.webhooks.testsupport.InMemoryWebhookStore;

import org.springframework.transaction.support.TransactionOperations;

/**
 * The real delivery engine (transport, dispatcher, poller) on an {@link InMemoryWebhookStore}, with the
 * settings a test chooses; collects the application events it publishes.
 */
final class TestDeliveryEngine implements AutoCloseable {

	static final String INSTANCE = "test-instance";

	final InMemoryWebhookStore repository = new InMemoryWebhookStore();

	final List<Object> events = new CopyOnWriteArrayList<>();

	final HttpClient5WebhookTransport transport;

	final DefaultDeliveryDispatcher dispatcher;

	final DeliveryPoller poller;

	final Duration lease;

	private TestDeliveryEngine(Builder builder) {
		this.lease = builder.lease;
		this.transport = new HttpClient5WebhookTransport(new HttpClient5WebhookTransport.Settings(
				Duration.ofSeconds(2), builder.timeout, builder.maxInFlight, builder.maxInFlight, 4096, 1), null);
		DeliveryOutcomeClassifier classifier = new DeliveryOutcomeClassifier(builder.retryPolicy,
				builder.retryAfterCap, builder.timeout);
		this.dispatcher = new DefaultDeliveryDispatcher(
				new DefaultDeliveryDispatcher.Settings(INSTANCE, builder.lease, builder.timeout, builder.maxInFlight,
						builder.perEndpoint, 50, Duration.ofMillis(20), Duration.ofSeconds(5), 2),
				this.repository, new DeliveryOutcomeRecorder(this.repository, this.repository,
						TransactionOperations.withoutTransaction(), Clock.systemUTC()),
				this.transport, new SignedRequestFactory(builder.svixHeaders, "test-agent/1"),
				classifier, this.events::add, builder.metrics, Clock.systemUTC());
		this.poller = new DeliveryPoller(this.repository, this.repository, this.dispatcher,
				new DeliveryPoller.Settings(Duration.ofMillis(25), 100, Duration.ofHours(1), Duration.ofDays(5),
						Duration.ofDays(7), 100),
				this.events::add, Clock.systemUTC());
		this.dispatcher.start();
		if (builder.poller) {
			this.poller.start();
		}
	}

	static Builder builder() {
		return new Builder();
	}

	WebhookEndpoint endpoint(String id, String url, WebhookSecret secret) {
		return endpoint(id, url, secret, Map.of());
	}

	WebhookEndpoint endpoint(String id, String url, WebhookSecret secret, Map<String, String> headers) {
		Instant now = Instant.now();
		WebhookEndpoint endpoint = new WebhookEndpoint(id, null, url, "test", List.of(), headers,
				List.of(new EndpointSecret(secret, null)), true, null, now, now);
		this.repository.save(endpoint);
		return endpoint;
	}

	static OutboxEvent event(String type) {
		String id = "evt_" + UUID.randomUUID().toString().replace("-", "");
		String body = "{\"id\":\"" + id + "\",\"object\":\"event\",\"type\":\"" + type + "\",\"data\":{\"object\":{}}}";
		return new OutboxEvent(id, type, null, Instant.now(), body.getBytes(StandardCharsets.UTF_8), null);
	}

	/** Publish on the fast path: rows leased to this instance, handed straight to the dispatcher. */
	List<DeliveryTask> publish(OutboxEvent event, String... endpointIds) {
		List<DeliveryTask> tasks = this.repository.publish(event, INSTANCE, this.lease, endpointIds);
		this.dispatcher.dispatch(tasks);
		return tasks;
	}

	String publishOne(String endpointId) {
		return publish(event("test.event"), endpointId).get(0).deliveryId();
	}

	<T> List<T> events(Class<T> type) {
		return this.events.stream().filter(type::isInstance).map(type::cast).toList();
	}

	@Override
	public void close() {
		this.poller.stop();
		this.dispatcher.destroy();
		this.transport.destroy();
	}

	static final class Builder {

		private RetryPolicy retryPolicy = new ScheduleRetryPolicy(
				List.of(Duration.ZERO, Duration.ofMillis(100), Duration.ofMillis(200)));

		private Duration timeout = Duration.ofSeconds(5);

		private Duration lease = Duration.ofSeconds(30);

		private Duration retryAfterCap = Duration.ofMinutes(5);

		private int perEndpoint = 4;

		private int maxInFlight = 16;

		private boolean svixHeaders;

		private boolean poller = true;

		private DeliveryMetrics metrics = DeliveryMetrics.NONE;

		Builder schedule(Duration... schedule) {
			this.retryPolicy = new ScheduleRetryPolicy(Arrays.asList(schedule));
			return this;
		}

		Builder timeout(Duration timeout) {
			this.timeout = timeout;
			return this;
		}

		Builder retryAfterCap(Duration cap) {
			this.retryAfterCap = cap;
			return this;
		}

		Builder limits(int perEndpoint, int maxInFlight) {
			this.perEndpoint = perEndpoint;
			this.maxInFlight = maxInFlight;
			return this;
		}

		Builder svixHeaders(boolean svixHeaders) {
			this.svixHeaders = svixHeaders;
			return this;
		}

		Builder withoutPoller() {
			this.poller = false;
			return this;
		}

		Builder metrics(DeliveryMetrics metrics) {
			this.metrics = metrics;
			return this;
		}

		TestDeliveryEngine build() {
			return new TestDeliveryEngine(this);
		}

	}

}
