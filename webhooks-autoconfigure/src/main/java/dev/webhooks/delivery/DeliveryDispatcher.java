package dev.webhooks.delivery;

import java.time.Duration;
import java.util.Collection;

/**
 * Takes deliveries that are ready to send and sends them in the background: the fast path hands over what a
 * publishing transaction just committed, and the poller hands over what it claimed.
 */
public interface DeliveryDispatcher {

	/**
	 * The id of this instance, the owner of the leases it takes.
	 * @return the instance id
	 */
	String instanceId();

	/**
	 * How long a lease holds; after that another instance's poller may take the delivery.
	 * @return the lease duration
	 */
	Duration lease();

	/**
	 * Hand over deliveries leased to this instance; returns at once.
	 * @param tasks the deliveries
	 */
	void dispatch(Collection<DeliveryTask> tasks);

	/**
	 * Ordered (FIFO) deliveries of these endpoints were committed, unleased: look at their queues now rather than
	 * at the next search. A dispatcher without ordered queues ignores it; the rows wait for one that has them.
	 * @param endpointIds the endpoints
	 */
	default void orderedDeliveriesAdded(Collection<String> endpointIds) {
	}

	/**
	 * How many more deliveries this dispatcher can take now without queueing them far behind others; the poller
	 * claims no more than this.
	 * @return the room left, {@link Integer#MAX_VALUE} when unbounded
	 */
	default int capacity() {
		return Integer.MAX_VALUE;
	}

}
