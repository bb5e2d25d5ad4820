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
 * @param ordered whether it joins its endpoint's ordered (FIFO) queue: the store gives it the next place in the
 * endpoint's publish order, and it is never leased at insert (the {@link OrderedDeliveryScheduler} sends the head)
 */
public record NewDelivery(String deliveryId, String endpointId, Instant nextAttemptAt, String lockedBy,
		Instant lockedUntil, boolean ordered) {

	/**
	 * A delivery of an endpoint without ordering.
	 * @param deliveryId the delivery id
	 * @param endpointId the endpoint
	 * @param nextAttemptAt when it is due
	 * @param lockedBy the instance that will send it on the fast path, or {@code null}
	 * @param lockedUntil the end of that lease, or {@code null}
	 */
	public NewDelivery(String deliveryId, String endpointId, Instant nextAttemptAt, String lockedBy,
			Instant lockedUntil) {
		this(deliveryId, endpointId, nextAttemptAt, lockedBy, lockedUntil, false);
	}

	/**
	 * A delivery that joins its endpoint's ordered queue, unleased.
	 * @param deliveryId the delivery id
	 * @param endpointId the endpoint
	 * @param nextAttemptAt when it is due
	 * @return the row
	 */
	public static NewDelivery ordered(String deliveryId, String endpointId, Instant nextAttemptAt) {
		return new NewDelivery(deliveryId, endpointId, nextAttemptAt, null, null, true);
	}

}
