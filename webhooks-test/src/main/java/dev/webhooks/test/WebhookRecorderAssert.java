package dev.webhooks.test;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on a {@link WebhookRecorder}:
 * <pre class="code">
 * assertThat(recorder).published("migration.completed").withData(migration).withTenant("acme");
 * assertThat(recorder).delivered("migration.completed").to("https://crm.example.com/hooks");
 * assertThat(recorder).publishedNothing();
 * </pre>
 * Deliveries run after the commit on the engine's threads, so {@link #delivered(String)} waits for one, up to
 * {@link #DELIVERY_WAIT} unless {@link #within(Duration)} says otherwise; publishing is synchronous and is not
 * waited for.
 */
public class WebhookRecorderAssert extends AbstractAssert<WebhookRecorderAssert, WebhookRecorder> {

	/** How long {@link #delivered(String)} waits by default: generous, as on a loaded build machine. */
	public static final Duration DELIVERY_WAIT = Duration.ofSeconds(20);

	private Duration wait = DELIVERY_WAIT;

	WebhookRecorderAssert(WebhookRecorder actual) {
		super(actual, WebhookRecorderAssert.class);
	}

	/**
	 * Wait this long for deliveries.
	 * @param wait the longest wait
	 * @return this assertion
	 */
	public WebhookRecorderAssert within(Duration wait) {
		this.wait = wait;
		return this;
	}

	/**
	 * Verify that an event of a type was published (and committed).
	 * @param eventType the type
	 * @return assertions on the events of that type
	 */
	public PublishedEventsAssert published(String eventType) {
		isNotNull();
		List<RecordedEvent> events = this.actual.published().stream()
			.filter((event) -> event.type().equals(eventType))
			.toList();
		if (events.isEmpty()) {
			failWithMessage("Expected an event of type <%s> to be published, but the published types were <%s>",
					eventType, this.actual.published().stream().map(RecordedEvent::type).toList());
		}
		return new PublishedEventsAssert(this.actual, eventType, events);
	}

	/**
	 * Verify that nothing was published.
	 * @return this assertion
	 */
	public WebhookRecorderAssert publishedNothing() {
		isNotNull();
		if (!this.actual.published().isEmpty()) {
			failWithMessage("Expected no event to be published, but these were: <%s>",
					this.actual.published().stream().map(RecordedEvent::type).toList());
		}
		return this;
	}

	/**
	 * Verify that a request carrying an event of a type was delivered (recorded instead of sent), waiting for it.
	 * @param eventType the type
	 * @return assertions on the requests of that type
	 */
	public DeliveredRequestsAssert delivered(String eventType) {
		isNotNull();
		Supplier<List<RecordedDelivery>> ofType = () -> this.actual.delivered().stream()
			.filter((delivery) -> delivery.type().equals(eventType))
			.toList();
		List<RecordedDelivery> deliveries = waitFor(ofType);
		if (deliveries.isEmpty()) {
			failWithMessage("Expected a request with an event of type <%s> to be delivered within %s, but the "
					+ "delivered types were <%s>", eventType, this.wait,
					this.actual.delivered().stream().map(RecordedDelivery::type).toList());
		}
		return new DeliveredRequestsAssert(this.actual, eventType, deliveries, this.wait);
	}

	private List<RecordedDelivery> waitFor(Supplier<List<RecordedDelivery>> deliveries) {
		long deadline = System.nanoTime() + this.wait.toNanos();
		List<RecordedDelivery> found = deliveries.get();
		while (found.isEmpty() && System.nanoTime() < deadline) {
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			found = deliveries.get();
		}
		return found;
	}

}
