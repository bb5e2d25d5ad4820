package dev.webhooks.receive;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observation of a received webhook. Declare a bean of this type to replace
 * {@link DefaultWebhookReceiveObservationConvention}, or extend that class to add key values.
 */
public interface WebhookReceiveObservationConvention extends ObservationConvention<WebhookReceiveObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof WebhookReceiveObservationContext;
	}

}
