package dev.webhooks.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import dev.webhooks.delivery.DeliveryAttempt;
import dev.webhooks.delivery.DeliveryOutcome;
import dev.webhooks.delivery.DeliveryRepository;
import dev.webhooks.delivery.DeliveryStatus;
import dev.webhooks.delivery.DeliveryTask;
import dev.webhooks.delivery.NewDelivery;
import dev.webhooks.endpoint.EndpointRepository;
import dev.webhooks.endpoint.WebhookEndpoint;
import dev.webhooks.event.OutboxEvent;

/**
 * Both repositories in memory, for tests of the code above the store (the endpoint service, the delivery engine,
 * the auto-configuration): thread-safe, and held to the contract the JDBC store implements
 * ({@code WebhookStoreContractTests}): claims honour status, due time, leases and disabled or deleted endpoints;
 * outcomes update the delivery, release the lease and append the attempt; endpoint health tracks a failing-since
 * time per endpoint. Nothing survives the test, and it takes no part in transactions. Helpers for a test's set-up
 * and assertions follow the repository methods.
 */
public class InMemoryWebhookStore implements EndpointRepository, DeliveryRepository {

	private final Map<String, WebhookEndpoint> endpoints = new LinkedHashMap<>();

	private final Map<String, Instant> failingSince = new LinkedHashMap<>();

	private final Map<String, OutboxEvent> events = new LinkedHashMap<>();

	private final Map<String, Delivery> deliveries = new LinkedHashMap<>();

	private int recordOutcomesCalls;

	@Override
	public synchronized void save(WebhookEndpoint endpoint) {
		WebhookEndpoint previous = this.endpoints.put(endpoint.id(), endpoint);
		if (previous != null && !previous.enabled() && endpoint.enabled()) {
			this.failingSince.remove(endpoint.id());
		}
	}

	@Override
	public synchronized Optional<WebhookEndpoint> findById(String id) {
		return Optional.ofNullable(this.endpoints.get(id));
	}

	@Override
	public synchronized List<WebhookEndpoint> findByTenant(String tenantId) {
		return this.endpoints.values().stream().filter((e) -> Objects.equals(e.tenantId(), tenantId)).toList();
	}

	@Override
	public synchronized List<WebhookEndpoint> findEnabledByTenant(String tenantId) {
		return findByTenant(tenantId).stream().filter(WebhookEndpoint::enabled).toList();
	}

	@Override
	public synchronized List<WebhookEndpoint> findAll() {
		return List.copyOf(this.endpoints.values());
	}

	@Override
	public synchronized boolean delete(String id) {
		return this.endpoints.remove(id) != null;
	}

	@Override
	public synchronized void recordDeliveryHealth(Collection<String> succeeded, Collection<String> dead,
			Instant at) {
		dead.forEach((id) -> this.failingSince.putIfAbsent(id, at));
		succeeded.forEach(this.failingSince::remove);
	}

	@Override
	public synchronized void disable(Collection<String> ids, String reason, Instant at) {
		ids.forEach((id) -> disable(id, reason, at));
	}

	@Override
	public synchronized List<String> disableFailingSince(Instant cutoff, String reason, Instant at) {
		List<String> disabled = new ArrayList<>();
		new ArrayList<>(this.failingSince.entrySet()).stream()
			.filter((entry) -> entry.getValue().isBefore(cutoff))
			.forEach((entry) -> {
				if (disable(entry.getKey(), reason, at)) {
					disabled.add(entry.getKey());
				}
			});
		return disabled;
	}

	private boolean disable(String endpointId, String reason, Instant at) {
		WebhookEndpoint e = this.endpoints.get(endpointId);
		if (e == null || !e.enabled()) {
			return false;
		}
		this.endpoints.put(endpointId, new WebhookEndpoint(e.id(), e.tenantId(), e.url(), e.description(),
				e.eventTypes(), e.headers(), e.secrets(), false, reason, e.createdAt(), at, e.filter(), e.ordering(),
				e.rateLimit(), e.sslBundle()));
		return true;
	}

	@Override
	public synchronized void insert(OutboxEvent event, List<NewDelivery> newDeliveries) {
		if (this.events.putIfAbsent(event.id(), event) != null) {
			throw new IllegalStateException("Event " + event.id() + " already exists");
		}
		for (NewDelivery delivery : newDeliveries) {
			this.deliveries.put(delivery.deliveryId(), new Delivery(delivery.deliveryId(), event.id(),
					delivery.endpointId(), delivery.nextAttemptAt(), delivery.lockedBy(), delivery.lockedUntil()));
		}
	}

	@Override
	public synchronized Optional<String> findEventIdByIdempotencyKey(String tenantId, String idempotencyKey,
			Instant since) {
		return this.events.values()
			.stream()
			.filter((e) -> idempotencyKey.equals(e.idempotencyKey()) && Objects.equals(tenantId, e.tenantId())
					&& !e.createdAt().isBefore(since))
			.min(Comparator.comparing(OutboxEvent::createdAt))
			.map(OutboxEvent::id);
	}

	@Override
	public synchronized List<DeliveryTask> claimDue(String owner, Instant now, Duration lease, int limit) {
		List<DeliveryTask> tasks = new ArrayList<>();
		this.deliveries.values()
			.stream()
			.filter((d) -> d.status == DeliveryStatus.PENDING && !d.nextAttemptAt.isAfter(now)
					&& (d.lockedUntil == null || !d.lockedUntil.isAfter(now)))
			.filter((d) -> {
				WebhookEndpoint endpoint = this.endpoints.get(d.endpointId);
				return endpoint != null && endpoint.enabled();
			})
			.sorted(Comparator.comparing((Delivery d) -> d.nextAttemptAt))
			.limit(limit)
			.forEach((d) -> {
				d.lockedBy = owner;
				d.lockedUntil = now.plus(lease);
				tasks.add(task(d, now));
			});
		return tasks;
	}

	private DeliveryTask task(Delivery delivery, Instant now) {
		OutboxEvent event = this.events.get(delivery.eventId);
		WebhookEndpoint endpoint = this.endpoints.get(delivery.endpointId);
		return new DeliveryTask(delivery.id, event.id(), event.type(), event.tenantId(), event.createdAt(),
				event.body(), endpoint.id(), endpoint.url(), endpoint.headers(), endpoint.signingSecretsAt(now),
				delivery.attemptsMade, event.traceParent(), endpoint.sslBundle());
	}

	@Override
	public synchronized void releaseLeases(String owner, Collection<String> deliveryIds) {
		for (String deliveryId : deliveryIds) {
			Delivery delivery = this.deliveries.get(deliveryId);
			if (delivery != null && owner.equals(delivery.lockedBy) && delivery.status == DeliveryStatus.PENDING) {
				delivery.lockedBy = null;
				delivery.lockedUntil = null;
			}
		}
	}

	@Override
	public synchronized void recordOutcomes(Collection<DeliveryOutcome> outcomes) {
		this.recordOutcomesCalls++;
		for (DeliveryOutcome outcome : outcomes) {
			Delivery delivery = this.deliveries.get(outcome.deliveryId());
			if (delivery == null) {
				continue;
			}
			delivery.status = outcome.status();
			delivery.lockedBy = null;
			delivery.lockedUntil = null;
			if (outcome.status() == DeliveryStatus.PENDING && outcome.nextAttemptAt() != null) {
				delivery.nextAttemptAt = outcome.nextAttemptAt();
			}
			if (outcome.attempt() != null) {
				delivery.attemptsMade = outcome.attempt().attemptNumber();
				delivery.attempts.add(outcome.attempt());
			}
		}
	}

	@Override
	public synchronized long countPending() {
		return this.deliveries.values().stream().filter((d) -> d.status == DeliveryStatus.PENDING).count();
	}

	@Override
	public synchronized long countDead() {
		return this.deliveries.values().stream().filter((d) -> d.status == DeliveryStatus.DEAD).count();
	}

	@Override
	public synchronized int purgeCreatedBefore(Instant before, int batchSize) {
		List<String> old = this.events.values()
			.stream()
			.filter((e) -> e.createdAt().isBefore(before))
			.map(OutboxEvent::id)
			.toList();
		old.forEach(this.events::remove);
		this.deliveries.values().removeIf((d) -> old.contains(d.eventId));
		return old.size();
	}

	/**
	 * Publish an event to endpoints as the fast path does: insert the deliveries leased to the owner.
	 * @param event the event
	 * @param owner the instance the deliveries are leased to
	 * @param lease how long
	 * @param endpointIds the endpoints
	 * @return the tasks to hand to the dispatcher
	 */
	public synchronized List<DeliveryTask> publish(OutboxEvent event, String owner, Duration lease,
			String... endpointIds) {
		Instant now = Instant.now();
		List<NewDelivery> rows = new ArrayList<>();
		for (String endpointId : endpointIds) {
			rows.add(new NewDelivery("dlv_" + UUID.randomUUID(), endpointId, now, owner, now.plus(lease)));
		}
		insert(event, rows);
		return rows.stream().map((row) -> task(this.deliveries.get(row.deliveryId()), now)).toList();
	}

	/**
	 * Insert due, unleased deliveries, as a crash or another instance leaves them.
	 * @param event the event
	 * @param endpointIds the endpoints
	 * @return the delivery ids
	 */
	public synchronized List<String> leaveDue(OutboxEvent event, String... endpointIds) {
		List<NewDelivery> rows = new ArrayList<>();
		for (String endpointId : endpointIds) {
			rows.add(new NewDelivery("dlv_" + UUID.randomUUID(), endpointId, event.createdAt(), null, null));
		}
		insert(event, rows);
		return rows.stream().map(NewDelivery::deliveryId).toList();
	}

	/**
	 * Mark an endpoint failing since the given time, as dead deliveries would have.
	 * @param endpointId the endpoint
	 * @param since when it started failing
	 */
	public synchronized void setFailingSince(String endpointId, Instant since) {
		this.failingSince.put(endpointId, since);
	}

	public synchronized Instant failingSince(String endpointId) {
		return this.failingSince.get(endpointId);
	}

	public synchronized boolean isEnabled(String endpointId) {
		return this.endpoints.get(endpointId).enabled();
	}

	public synchronized boolean hasEvent(String eventId) {
		return this.events.containsKey(eventId);
	}

	/**
	 * The stored events, oldest first.
	 * @return the events
	 */
	public synchronized List<OutboxEvent> events() {
		return List.copyOf(this.events.values());
	}

	public synchronized DeliveryStatus status(String deliveryId) {
		return this.deliveries.get(deliveryId).status;
	}

	public synchronized Instant nextAttemptAt(String deliveryId) {
		return this.deliveries.get(deliveryId).nextAttemptAt;
	}

	public synchronized String leaseOwner(String deliveryId) {
		return this.deliveries.get(deliveryId).lockedBy;
	}

	/**
	 * The attempts of one delivery, in the order they were recorded.
	 * @param deliveryId the delivery
	 * @return its attempts
	 */
	public synchronized List<DeliveryAttempt> attempts(String deliveryId) {
		return List.copyOf(this.deliveries.get(deliveryId).attempts);
	}

	/**
	 * Every recorded attempt of the deliveries not purged.
	 * @return the attempts
	 */
	public synchronized List<DeliveryAttempt> attempts() {
		return this.deliveries.values().stream().flatMap((d) -> d.attempts.stream()).toList();
	}

	/**
	 * How many times outcomes were written: once per batch.
	 * @return the number of {@link #recordOutcomes} calls
	 */
	public synchronized int recordOutcomesCalls() {
		return this.recordOutcomesCalls;
	}

	private static final class Delivery {

		final String id;

		final String eventId;

		final String endpointId;

		final List<DeliveryAttempt> attempts = new ArrayList<>();

		DeliveryStatus status = DeliveryStatus.PENDING;

		Instant nextAttemptAt;

		String lockedBy;

		Instant lockedUntil;

		int attemptsMade;

		Delivery(String id, String eventId, String endpointId, Instant nextAttemptAt, String lockedBy,
				Instant lockedUntil) {
			this.id = id;
			this.eventId = eventId;
			this.endpointId = endpointId;
			this.nextAttemptAt = nextAttemptAt;
			this.lockedBy = lockedBy;
			this.lockedUntil = lockedUntil;
		}

	}

}
