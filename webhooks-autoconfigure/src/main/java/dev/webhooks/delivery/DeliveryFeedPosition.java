package dev.webhooks.delivery;

import java.time.Instant;
import java.util.Comparator;

/**
 * A point in the {@link DeliveryFeed}: the newest delivery creation seen, in {@code (created_at, id)} order, and
 * the newest attempt seen, by the attempt's id in the store.
 *
 * @param createdAt the creation time of the newest delivery seen
 * @param deliveryId the id of that delivery, which orders deliveries created at the same time ({@code ""} for none)
 * @param attemptId the store id of the newest attempt seen, 0 for none
 */
public record DeliveryFeedPosition(Instant createdAt, String deliveryId, long attemptId) {

	private static final Comparator<DeliveryFeedPosition> CREATION = Comparator
		.comparing(DeliveryFeedPosition::createdAt)
		.thenComparing(DeliveryFeedPosition::deliveryId);

	public DeliveryFeedPosition {
		if (createdAt == null || deliveryId == null || attemptId < 0) {
			throw new IllegalArgumentException("A feed position names a creation time, a delivery and an attempt");
		}
	}

	/**
	 * This position moved on to include a delivery of a change.
	 * @param createdAt the delivery's creation time
	 * @param deliveryId the delivery's id
	 * @param attemptId the store id of its newest attempt, 0 for none
	 * @return the later of both on each axis
	 */
	public DeliveryFeedPosition including(Instant createdAt, String deliveryId, long attemptId) {
		DeliveryFeedPosition other = new DeliveryFeedPosition(createdAt, deliveryId, attemptId);
		DeliveryFeedPosition creation = (CREATION.compare(other, this) > 0) ? other : this;
		return new DeliveryFeedPosition(creation.createdAt, creation.deliveryId, Math.max(this.attemptId, attemptId));
	}

	/**
	 * Whether a delivery creation comes after this position.
	 * @param createdAt the creation time
	 * @param deliveryId the delivery id
	 * @return whether it is after
	 */
	public boolean isBeforeCreation(Instant createdAt, String deliveryId) {
		return CREATION.compare(new DeliveryFeedPosition(createdAt, deliveryId, 0), this) > 0;
	}

}
