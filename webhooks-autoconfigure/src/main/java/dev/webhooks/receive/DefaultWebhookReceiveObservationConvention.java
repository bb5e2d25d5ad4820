package dev.webhooks.receive;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * The default {@link WebhookReceiveObservationConvention}: the observation {@value #NAME} with the low-cardinality
 * key values {@code source} (a configured source's name, or {@code unknown}) and {@code outcome} (verified,
 * accepted, ignored, duplicate, rejected_signature, …). The event type is not among them: on this side it is the
 * sender's text, unbounded until a signature is verified, and the path of an unknown source is never used.
 */
public class DefaultWebhookReceiveObservationConvention implements WebhookReceiveObservationConvention {

	/** The observation's name; its timer sits beside the {@code webhooks.received} counter. */
	public static final String NAME = "webhooks.receive";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(WebhookReceiveObservationContext context) {
		return "webhook receive " + context.getSource();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(WebhookReceiveObservationContext context) {
		ReceiveOutcome outcome = context.getOutcome();
		return KeyValues.of(KeyValue.of("source", context.getSource()),
				KeyValue.of("outcome", (outcome != null) ? outcome.tag() : "unknown"));
	}

}
