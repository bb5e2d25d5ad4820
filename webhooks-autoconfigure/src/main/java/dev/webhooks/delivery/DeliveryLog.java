package dev.webhooks.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The read side of the outbox, and the few writes made on an operator's request: what the management API shows
 * of past deliveries (per endpoint, with filters and keyset pages, newest first), their attempts, per-tenant
 * messages and per-endpoint statistics; replays (new deliveries of stored events) and the cancellation of an
 * endpoint's pending deliveries when it is deleted. The JDBC implementation lives in {@code dev.webhooks.store}.
 * <p>
 * Pages are stable while rows are added: a {@link DeliveryLogQuery.Position} is a point in the
 * {@code (created_at, id)} order, not an offset.
 */
public interface DeliveryLog {

	/**
	 * The deliveries to one endpoint.
	 * @param endpointId the endpoint
	 * @param query filters and page
	 * @return one page, newest first
	 */
	DeliveryLogPage<DeliveryRecord> findDeliveries(String endpointId, DeliveryLogQuery query);

	/**
	 * The newest delivery of an event to an endpoint (a replayed event has several).
	 * @param endpointId the endpoint
	 * @param eventId the event
	 * @return the delivery, if the event was ever sent to the endpoint
	 */
	Optional<DeliveryRecord> findDelivery(String endpointId, String eventId);

	/**
	 * A stored event with its body, the bytes sent on every attempt.
	 * @param eventId the event
	 * @return the event, unless unknown or purged
	 */
	Optional<StoredEvent> findEvent(String eventId);

	/**
	 * The attempts of an event at one endpoint, over all its deliveries, oldest first.
	 * @param endpointId the endpoint
	 * @param eventId the event
	 * @return the attempts
	 */
	List<AttemptRecord> findAttempts(String endpointId, String eventId);

	/**
	 * The attempts of an event at every endpoint it went to, oldest first.
	 * @param eventId the event
	 * @return the attempts
	 */
	List<AttemptRecord> findAttemptsOfEvent(String eventId);

	/**
	 * The events of a tenant, each with its deliveries; the status filter keeps events with at least one delivery
	 * in one of the statuses.
	 * @param tenantId the tenant, or {@code null} for events of no tenant
	 * @param query filters and page
	 * @return one page, newest first
	 */
	DeliveryLogPage<MessageRecord> findMessages(String tenantId, DeliveryLogQuery query);

	/**
	 * Statistics of one endpoint: attempts of the deliveries created since the given time, backlog, last success
	 * and last failure.
	 * @param endpointId the endpoint
	 * @param since the start of the window
	 * @return the statistics
	 */
	EndpointStats stats(String endpointId, Instant since);

	/**
	 * What an endpoint's pending deliveries wait for: the head of its ordered queue or its rate limit. This default
	 * knows of neither.
	 * @param endpointId the endpoint
	 * @return what waits
	 */
	default EndpointWaiting waiting(String endpointId) {
		return EndpointWaiting.NONE;
	}

	/**
	 * The events whose newest delivery to an endpoint failed or died, created since the given time: what a
	 * recovery sends again. An event sent again since is not among them; oldest first.
	 * @param endpointId the endpoint
	 * @param since the start of the window, by delivery creation
	 * @param limit the most events to return
	 * @return the events
	 */
	List<StoredEvent> findEventsToRecover(String endpointId, Instant since, int limit);

	/**
	 * Insert new deliveries of stored events, in the caller's transaction.
	 * @param deliveries the deliveries
	 */
	void insertDeliveries(List<AddedDelivery> deliveries);

	/**
	 * Mark the pending deliveries of an endpoint {@link DeliveryStatus#CANCELLED}, in the caller's transaction.
	 * @param endpointId the endpoint
	 * @param now the completion time to record
	 * @return how many were cancelled
	 */
	int cancelPending(String endpointId, Instant now);

}
