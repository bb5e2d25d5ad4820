package dev.webhooks.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The store side of ordered (FIFO) endpoints. Their deliveries carry their place in the endpoint's publish order
 * and are left alone by {@link DeliveryRepository#claimDue}; only the head of an endpoint's queue (its lowest
 * pending delivery) is ever leased, so whichever instance holds the head's lease is the only one sending to the
 * endpoint, and an instance that crashed gives the queue up when that lease runs out.
 */
public interface OrderedDeliveryRepository {

	/**
	 * Ordered endpoints with a pending delivery that is due and not leased (it may be behind the head).
	 * @param now the current time
	 * @param limit the most endpoints to return
	 * @return their ids
	 */
	List<String> findOrderedEndpointsDue(Instant now, int limit);

	/**
	 * Lease the head of an endpoint's ordered queue if it is due and not leased.
	 * @param endpointId the endpoint
	 * @param owner this instance's id
	 * @param now the current time
	 * @param lease how long the claim holds
	 * @return what the head is doing, with the task to send when it was claimed
	 */
	OrderedHead claimOrderedHead(String endpointId, String owner, Instant now, Duration lease);

	/**
	 * The state of an ordered queue's head.
	 *
	 * @param task the leased head to send, or {@code null}
	 * @param waitUntil when the head falls due or its lease runs out, or {@code null}
	 */
	record OrderedHead(DeliveryTask task, Instant waitUntil) {

		/** No pending delivery (or the endpoint is disabled). */
		public static final OrderedHead EMPTY = new OrderedHead(null, null);

		/**
		 * The head, leased to the caller.
		 * @param task the task to send
		 * @return the head
		 */
		public static OrderedHead claimed(DeliveryTask task) {
			return new OrderedHead(task, null);
		}

		/**
		 * The head is in flight or waits for its next attempt.
		 * @param until when it falls due or its lease runs out
		 * @return the head
		 */
		public static OrderedHead waiting(Instant until) {
			return new OrderedHead(null, until);
		}

	}

}
