package dev.webhooks.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.webhooks.endpoint.EndpointSecret;
import dev.webhooks.endpoint.WebhookEndpoint;
import dev.webhooks.event.OutboxEvent;
import dev.webhooks.signing.WebhookSecret;

/**
 * A thread-safe in-memory {@link DeliveryRepository} for the delivery engine's tests, following the contract the
 * JDBC store implements: claims honour status, due time, leases and disabled endpoints; outcomes update the
 * delivery, release the lease, append the attempt, track the endpoint's failing-since time and disable it when
 * asked.
 */
public class InMemoryDeliveryRepository implements DeliveryRepository {

	private final Map<String, OutboxEvent> events = new LinkedHashMap<>();

	private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();

	private final Map<String, Delivery> deliveries = new LinkedHashMap<>();

	private int recordOutcomesCalls;

	public synchronized void addEndpoint(WebhookEndpoint endpoint) {
		this.endpoints.put(endpoint.id(), new Endpoint(endpoint));
	}

	@Override
	public synchronized void insert(OutboxEvent event, List<NewDelivery> newDeliveries) {
		this.events.put(event.id(), event);
		for (NewDelivery newDelivery : newDeliveries) {
			Delivery delivery = new Delivery(newDelivery.deliveryId(), event.id(), newDelivery.endpointId(),
					event.createdAt());
			delivery.nextAttemptAt = newDelivery.nextAttemptAt();
			delivery.lockedBy = newDelivery.lockedBy();
			delivery.lockedUntil = newDelivery.lockedUntil();
			this.deliveries.put(delivery.id, delivery);
		}
	}

	@Override
	public synchronized Optional<String> findEventIdByIdempotencyKey(String tenantId, String idempotencyKey,
			Instant since) {
		return this.events.values()
			.stream()
			.filter((event) -> idempotencyKey.equals(event.idempotencyKey())
					&& java.util.Objects.equals(tenantId, event.tenantId()) && !event.createdAt().isBefore(since))
			.map(OutboxEvent::id)
			.findFirst();
	}

	@Override
	public synchronized List<DeliveryTask> claimDue(String owner, Instant now, Duration lease, int limit) {
		List<DeliveryTask> claimed = new ArrayList<>();
		List<Delivery> due = this.deliveries.values()
			.stream()
			.filter((delivery) -> delivery.status == DeliveryStatus.PENDING)
			.filter((delivery) -> !delivery.nextAttemptAt.isAfter(now))
			.filter((delivery) -> delivery.lockedUntil == null || !delivery.lockedUntil.isAfter(now))
			.filter((delivery) -> this.endpoints.get(delivery.endpointId).enabled)
			.sorted(Comparator.comparing((Delivery delivery) -> delivery.nextAttemptAt))
			.limit(limit)
			.toList();
		for (Delivery delivery : due) {
			delivery.lockedBy = owner;
			delivery.lockedUntil = now.plus(lease);
			claimed.add(taskOf(delivery, now));
		}
		return claimed;
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
			delivery.status = outcome.status();
			delivery.nextAttemptAt = (outcome.nextAttemptAt() != null) ? outcome.nextAttemptAt()
					: delivery.nextAttemptAt;
			delivery.lockedBy = null;
			delivery.lockedUntil = null;
			delivery.attempts.add(outcome.attempt());
			Endpoint endpoint = this.endpoints.get(outcome.endpointId());
			if (outcome.status() == DeliveryStatus.SUCCEEDED) {
				endpoint.failingSince = null;
			}
			else if (outcome.status() == DeliveryStatus.DEAD && endpoint.failingSince == null) {
				endpoint.failingSince = outcome.attempt().startedAt();
			}
			if (outcome.disableEndpoint()) {
				endpoint.enabled = false;
				endpoint.disabledReason = "410 Gone";
			}
		}
	}

	@Override
	public synchronized List<String> disableEndpointsFailingSince(Instant cutoff, String reason) {
		List<String> disabled = new ArrayList<>();
		for (Endpoint endpoint : this.endpoints.values()) {
			if (endpoint.enabled && endpoint.failingSince != null && endpoint.failingSince.isBefore(cutoff)) {
				endpoint.enabled = false;
				endpoint.disabledReason = reason;
				disabled.add(endpoint.definition.id());
			}
		}
		return disabled;
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
			.filter((event) -> event.createdAt().isBefore(before))
			.map(OutboxEvent::id)
			.toList();
		old.forEach(this.events::remove);
		this.deliveries.values().removeIf((delivery) -> old.contains(delivery.eventId));
		return old.size();
	}

	/**
	 * Publish an event to endpoints as the fast path does: insert the deliveries leased to the owner and return the
	 * tasks to hand to the dispatcher.
	 */
	public synchronized List<DeliveryTask> publish(OutboxEvent event, String owner, Duration lease, String... endpointIds) {
		Instant now = Instant.now();
		List<NewDelivery> rows = new ArrayList<>();
		for (String endpointId : endpointIds) {
			rows.add(new NewDelivery("dlv_" + UUID.randomUUID(), endpointId, now, owner, now.plus(lease)));
		}
		insert(event, rows);
		return rows.stream().map((row) -> taskOf(this.deliveries.get(row.deliveryId()), now)).toList();
	}

	/** Insert due, unleased deliveries, as a crash or another instance leaves them. */
	public synchronized List<String> leaveDue(OutboxEvent event, String... endpointIds) {
		List<NewDelivery> rows = new ArrayList<>();
		for (String endpointId : endpointIds) {
			rows.add(new NewDelivery("dlv_" + UUID.randomUUID(), endpointId, event.createdAt(), null, null));
		}
		insert(event, rows);
		return rows.stream().map(NewDelivery::deliveryId).toList();
	}

	public synchronized String leaseOwner(String deliveryId) {
		return this.deliveries.get(deliveryId).lockedBy;
	}

	public synchronized DeliveryStatus status(String deliveryId) {
		return this.deliveries.get(deliveryId).status;
	}

	synchronized Instant nextAttemptAt(String deliveryId) {
		return this.deliveries.get(deliveryId).nextAttemptAt;
	}

	public synchronized List<DeliveryAttempt> attempts(String deliveryId) {
		return List.copyOf(this.deliveries.get(deliveryId).attempts);
	}

	public synchronized boolean isEnabled(String endpointId) {
		return this.endpoints.get(endpointId).enabled;
	}

	synchronized Instant failingSince(String endpointId) {
		return this.endpoints.get(endpointId).failingSince;
	}

	synchronized void setFailingSince(String endpointId, Instant since) {
		this.endpoints.get(endpointId).failingSince = since;
	}

	synchronized boolean hasEvent(String eventId) {
		return this.events.containsKey(eventId);
	}

	synchronized int recordOutcomesCalls() {
		return this.recordOutcomesCalls;
	}

	private DeliveryTask taskOf(Delivery delivery, Instant now) {
		OutboxEvent event = this.events.get(delivery.eventId);
		WebhookEndpoint endpoint = this.endpoints.get(delivery.endpointId).definition;
		List<WebhookSecret> secrets = endpoint.secrets()
			.stream()
			.filter((secret) -> secret.isValidAt(now))
			.map(EndpointSecret::secret)
			.toList();
		return new DeliveryTask(delivery.id, event.id(), event.type(), event.tenantId(), event.createdAt(),
				event.body(), endpoint.id(), endpoint.url(), endpoint.headers(), secrets, delivery.attempts.size());
	}

	private static final class Endpoint {

		private final WebhookEndpoint definition;

		private boolean enabled;

		private String disabledReason;

		private Instant failingSince;

		Endpoint(WebhookEndpoint definition) {
			this.definition = definition;
			this.enabled = definition.enabled();
		}

	}

	private static final class Delivery {

		private final String id;

		private final String eventId;

		private final String endpointId;

		private final Instant createdAt;

		private final List<DeliveryAttempt> attempts = new ArrayList<>();

		private DeliveryStatus status = DeliveryStatus.PENDING;

		private Instant nextAttemptAt;

		private String lockedBy;

		private Instant lockedUntil;

		Delivery(String id, String eventId, String endpointId, Instant createdAt) {
			this.id = id;
			this.eventId = eventId;
			this.endpointId = endpointId;
			this.createdAt = createdAt;
		}

	}

}
