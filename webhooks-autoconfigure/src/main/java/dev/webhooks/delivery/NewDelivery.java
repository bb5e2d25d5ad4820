package dev.webhooks.delivery;

import java.time.Instant;

/**
 * A delivery row to insert with its event.
 *
 * @param deliveryId the delivery id
 * @param endpointId the endpoint
 * @param nextAttemptAt when it is due
 * @param lockedBy the instance that will send it on the fast path, or {@code null}
 * @param lockedUntil the end of that lease, or {@code null}
 */
public record NewDelivery(String deliveryId, String endpointId, Instant nextAttemptAt, String lockedBy,
		Instant lockedUntil) {
}
