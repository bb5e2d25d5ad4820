package dev.webhooks.delivery;

import java.time.Instant;

/**
 * The result of one attempt, written back in a batch with the others of its kind.
 *
 * @param deliveryId the delivery
 * @param endpointId its endpoint
 * @param status the delivery's status after this attempt
 * @param nextAttemptAt when to try again, for {@link DeliveryStatus#PENDING}; otherwise {@code null}
 * @param attempt the attempt to add to the log
 * @param disableEndpoint whether the endpoint must be disabled (it answered 410 Gone)
 */
public record DeliveryOutcome(String deliveryId, String endpointId, DeliveryStatus status, Instant nextAttemptAt,
		DeliveryAttempt attempt, boolean disableEndpoint) {
}
