package dev.webhooks.delivery;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observation of a delivery attempt. Declare a bean of this type to replace
 * {@link DefaultDeliveryAttemptObservationConvention}, or extend that class to add key values.
 */
public interface DeliveryAttemptObservationConvention extends ObservationConvention<DeliveryAttemptObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof DeliveryAttemptObservationContext;
	}

}
