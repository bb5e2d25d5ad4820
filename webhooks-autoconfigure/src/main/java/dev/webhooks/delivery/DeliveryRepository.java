package dev.webhooks.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import dev.webhooks.event.OutboxEvent;

/**
 * Storage of events, deliveries and attempts: the outbox. The JDBC implementation lives in
 * {@code dev.webhooks.store}.
 */
public interface DeliveryRepository {

	/**
	 * Insert an event and its deliveries, in the caller's transaction.
	 * @param event the event
	 * @param deliveries one per subscribed endpoint; may be empty
	 */
	void insert(OutboxEvent event, List<NewDelivery> deliveries);

	/**
	 * Insert several events and their deliveries, in the caller's transaction. A store that can should send them in
	 * batches rather than a statement per row; this default inserts them one by one.
	 * @param events the events, in the order to insert them
	 */
	default void insertAll(List<NewEvent> events) {
		for (NewEvent event : events) {
			insert(event.event(), event.deliveries());
		}
	}

	/**
	 * Hold a lock on an idempotency key until the caller's transaction ends, so that a transaction publishing the
	 * key after another that has not committed yet waits for it and then finds its event, instead of inserting a
	 * second one. Where a transaction takes several keys, it takes them in one order, so two transactions cannot
	 * wait for each other. This default takes no lock: a store that serves one process with no concurrent
	 * transactions needs none.
	 * @param tenantId the tenant, or {@code null}
	 * @param idempotencyKey the key
	 */
	default void lockIdempotencyKey(String tenantId, String idempotencyKey) {
	}

	/**
	 * The id of an event published with the given idempotency key since the given time.
	 * @param tenantId the tenant, or {@code null}
	 * @param idempotencyKey the key
	 * @param since the start of the window
	 * @return the first event's id
	 */
	Optional<String> findEventIdByIdempotencyKey(String tenantId, String idempotencyKey, Instant since);

	/**
	 * Claim due deliveries for this instance: pending, {@code next_attempt_at <= now} and not leased (or lease
	 * expired), locking them with {@code FOR UPDATE SKIP LOCKED} where the database has it and leasing them until
	 * {@code now + lease}. Deliveries of disabled endpoints are not claimed.
	 * @param owner this instance's id
	 * @param now the current time
	 * @param lease how long the claim holds
	 * @param limit the most rows to claim
	 * @return the claimed deliveries, ready to send
	 */
	List<DeliveryTask> claimDue(String owner, Instant now, Duration lease, int limit);

	/**
	 * Write outcomes: status, next attempt time, lease release and attempt rows; in batches, in one transaction
	 * (joining the caller's). What the outcomes say about their endpoints' health is written through the
	 * {@link dev.webhooks.endpoint.EndpointRepository}, in the same transaction ({@link DeliveryOutcomeRecorder}).
	 * @param outcomes the outcomes
	 */
	void recordOutcomes(Collection<DeliveryOutcome> outcomes);

	/**
	 * Give up this instance's leases of deliveries it will not send after all (queued when it stopped), so any
	 * instance's next poll takes them instead of waiting for the leases to run out. A lease another instance has
	 * taken meanwhile, or a delivery no longer pending, is left alone.
	 * @param owner this instance's id
	 * @param deliveryIds the deliveries
	 */
	void releaseLeases(String owner, Collection<String> deliveryIds);

	/**
	 * How many deliveries are pending.
	 * @return the backlog
	 */
	long countPending();

	/**
	 * How many deliveries are dead.
	 * @return the dead count
	 */
	long countDead();

	/**
	 * Delete events, deliveries and attempts created before the given time, in batches.
	 * @param before the cut-off
	 * @param batchSize rows per statement
	 * @return how many events were deleted
	 */
	int purgeCreatedBefore(Instant before, int batchSize);

}
