package dev.webhooks.delivery;

/**
 * What an endpoint's pending deliveries are waiting for, beside retries: the head of its ordered (FIFO) queue, or
 * a permit of its rate limit. Shown with the endpoint's statistics so an operator can tell why a backlog grows.
 *
 * @param orderedHead the delivery at the head of the ordered queue (in flight or waiting for its next attempt), or
 * {@code null} when the queue is empty
 * @param behindOrderedHead pending ordered deliveries behind that head
 * @param waitingForRateLimit pending deliveries never attempted whose first attempt the rate limit moved later
 */
public record EndpointWaiting(String orderedHead, long behindOrderedHead, long waitingForRateLimit) {

	/** Nothing waits. */
	public static final EndpointWaiting NONE = new EndpointWaiting(null, 0, 0);

}
