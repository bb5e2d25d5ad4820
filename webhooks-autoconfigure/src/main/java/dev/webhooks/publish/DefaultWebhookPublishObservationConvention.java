package dev.webhooks.publish;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * The default {@link WebhookPublishObservationConvention}: the observation {@value #NAME} with the low-cardinality
 * key values {@code event.type} and {@code outcome} ({@code published} or {@code failed}), and the event id as a
 * high-cardinality one. The tenant is in neither: it is unbounded.
 */
public class DefaultWebhookPublishObservationConvention implements WebhookPublishObservationConvention {

	/** The observation's name; its timer sits beside the {@code webhooks.published} counter. */
	public static final String NAME = "webhooks.publish";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(WebhookPublishObservationContext context) {
		return "webhook publish " + context.getRequest().type();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(WebhookPublishObservationContext context) {
		return KeyValues.of(KeyValue.of("event.type", context.getRequest().type()),
				KeyValue.of("outcome", context.isFailed() ? "failed" : "published"));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(WebhookPublishObservationContext context) {
		String eventId = context.getEventId();
		return (eventId != null) ? KeyValues.of(KeyValue.of("webhooks.event.id", eventId)) : KeyValues.empty();
	}

}
