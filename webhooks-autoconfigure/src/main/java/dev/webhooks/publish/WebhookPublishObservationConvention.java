package dev.webhooks.publish;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observation of a publish. Declare a bean of this type to replace
 * {@link DefaultWebhookPublishObservationConvention}, or extend that class to add key values.
 */
public interface WebhookPublishObservationConvention extends ObservationConvention<WebhookPublishObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof WebhookPublishObservationContext;
	}

}
