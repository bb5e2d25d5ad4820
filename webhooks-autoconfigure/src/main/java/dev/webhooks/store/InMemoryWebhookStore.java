package dev.webhooks.store;

import java.time.Clock;
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

import dev.webhooks.delivery.DeliveryAttempt;
import dev.webhooks.delivery.DeliveryOutcome;
import dev.webhooks.delivery.DeliveryRepository;
import dev.webhooks.delivery.DeliveryStatus;
import dev.webhooks.delivery.DeliveryTask;
import dev.webhooks.delivery.NewDelivery;
import dev.webhooks.endpoint.EndpointRepository;
import dev.webhooks.endpoint.EndpointSecret;
import dev.webhooks.endpoint.WebhookEndpoint;
import dev.webhooks.event.OutboxEvent;
import dev.webhooks.signing.WebhookSecret;

/**
 * Both repositories in memory, <strong>for unit tests only</strong>: nothing survives a restart, nothing is shared
 * between instances, and it takes no part in transactions (a rollback does not undo an insert). Applications use
 * the JDBC store. Behaves like the JDBC store otherwise, including leases, tenant scoping and endpoint health.
 */
public class InMemoryWebhookStore implements EndpointRepository, DeliveryRepository {

	private final Map<String, WebhookEndpoint> endpoints = new LinkedHashMap<>();

	private final Map<String, Instant> failingSince = new LinkedHashMap<>();

	private final Map<String, OutboxEvent> events = new LinkedHashMap<>();

	private final Map<String, Delivery> deliveries = new LinkedHashMap<>();

	private final List<DeliveryAttempt> attempts = new ArrayList<>();

	private final Clock clock;

	/** Create an empty store on the system clock. */
	public InMemoryWebhookStore() {
		this(Clock.systemUTC());
	}

	/**
	 * Create an empty store.
	 * @param clock the clock for completion and disabling times
	 */
	public InMemoryWebhookStore(Clock clock) {
		this.clock = clock;
	}

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
		return this.events.values().stream()
			.filter((e) -> idempotencyKey.equals(e.idempotencyKey()) && Objects.equals(tenantId, e.tenantId())
					&& !e.createdAt().isBefore(since))
			.min(Comparator.comparing(OutboxEvent::createdAt))
			.map(OutboxEvent::id);
	}

	@Override
	public synchronized List<DeliveryTask> claimDue(String owner, Instant now, Duration lease, int limit) {
		List<DeliveryTask> tasks = new ArrayList<>();
		this.deliveries.values().stream()
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
		List<WebhookSecret> secrets = endpoint.signingSecretsAt(now);
		return new DeliveryTask(delivery.id, event.id(), event.type(), event.tenantId(), event.createdAt(),
				event.body(), endpoint.id(), endpoint.url(), endpoint.headers(), secrets, delivery.attempts);
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
		Instant now = this.clock.instant();
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
				delivery.attempts = outcome.attempt().attemptNumber();
				this.attempts.add(outcome.attempt());
			}
			if (outcome.status() == DeliveryStatus.DEAD) {
				this.failingSince.putIfAbsent(outcome.endpointId(), now);
			}
			else if (outcome.status() == DeliveryStatus.SUCCEEDED) {
				this.failingSince.remove(outcome.endpointId());
			}
			if (outcome.disableEndpoint()) {
				disable(outcome.endpointId(), JdbcDeliveryRepository.GONE_REASON, now);
			}
		}
	}

	@Override
	public synchronized List<String> disableEndpointsFailingSince(Instant cutoff, String reason) {
		Instant now = this.clock.instant();
		List<String> disabled = new ArrayList<>();
		new ArrayList<>(this.failingSince.entrySet()).stream()
			.filter((entry) -> entry.getValue().isBefore(cutoff))
			.forEach((entry) -> {
				if (disable(entry.getKey(), reason, now)) {
					disabled.add(entry.getKey());
				}
			});
		return disabled;
	}

	private boolean disable(String endpointId, String reason, Instant now) {
		WebhookEndpoint e = this.endpoints.get(endpointId);
		if (e == null || !e.enabled()) {
			return false;
		}
		this.endpoints.put(endpointId, new WebhookEndpoint(e.id(), e.tenantId(), e.url(), e.description(),
				e.eventTypes(), e.headers(), e.secrets(), false, reason, e.createdAt(), now));
		return true;
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
		List<String> old = this.events.values().stream().filter((e) -> e.createdAt().isBefore(before))
			.map(OutboxEvent::id).toList();
		old.forEach(this.events::remove);
		List<String> deliveryIds = this.deliveries.values().stream().filter((d) -> old.contains(d.eventId))
			.map((d) -> d.id).toList();
		deliveryIds.forEach(this.deliveries::remove);
		this.attempts.removeIf((a) -> deliveryIds.contains(a.deliveryId()));
		return old.size();
	}

	/**
	 * The stored events, oldest first, for assertions.
	 * @return the events
	 */
	public synchronized List<OutboxEvent> events() {
		return List.copyOf(this.events.values());
	}

	/**
	 * The recorded attempts, for assertions.
	 * @return the attempts
	 */
	public synchronized List<DeliveryAttempt> attempts() {
		return List.copyOf(this.attempts);
	}

	/**
	 * A delivery's status, for assertions.
	 * @param deliveryId the delivery
	 * @return its status, if it exists
	 */
	public synchronized Optional<DeliveryStatus> deliveryStatus(String deliveryId) {
		return Optional.ofNullable(this.deliveries.get(deliveryId)).map((d) -> d.status);
	}

	private static final class Delivery {

		final String id;

		final String eventId;

		final String endpointId;

		DeliveryStatus status = DeliveryStatus.PENDING;

		Instant nextAttemptAt;

		String lockedBy;

		Instant lockedUntil;

		int attempts;

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
