package dev.webhooks.delivery;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * The default {@link DeliveryAttemptObservationConvention}: the observation {@value #NAME} with the low-cardinality
 * key values {@code event.type}, {@code outcome} (delivered, retried, failed, dead) and {@code http.status_code}
 * (or {@code NONE} without a response), and the event, delivery and endpoint ids and the attempt number as
 * high-cardinality ones (span attributes, never meter tags). The URL and the tenant are in neither: a URL may carry
 * a credential and both are unbounded.
 */
public class DefaultDeliveryAttemptObservationConvention implements DeliveryAttemptObservationConvention {

	/** The observation's name; its timer sits beside the older {@code webhooks.delivery.attempt} timer. */
	public static final String NAME = "webhooks.attempt";

	private static final String UNKNOWN = "unknown";

	private static final String NONE = "NONE";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(DeliveryAttemptObservationContext context) {
		return "webhook attempt " + context.getTask().eventType();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(DeliveryAttemptObservationContext context) {
		AttemptResult result = context.getResult();
		Integer status = context.getStatusCode();
		return KeyValues.of(KeyValue.of("event.type", context.getTask().eventType()),
				KeyValue.of("outcome", (result != null) ? result.tag() : UNKNOWN),
				KeyValue.of("http.status_code", (status != null && status > 0) ? String.valueOf(status) : NONE));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(DeliveryAttemptObservationContext context) {
		DeliveryTask task = context.getTask();
		return KeyValues.of(KeyValue.of("webhooks.event.id", task.eventId()),
				KeyValue.of("webhooks.delivery.id", task.deliveryId()),
				KeyValue.of("webhooks.endpoint.id", task.endpointId()),
				KeyValue.of("webhooks.attempt.number", String.valueOf(task.attemptsMade() + 1)));
	}

}
