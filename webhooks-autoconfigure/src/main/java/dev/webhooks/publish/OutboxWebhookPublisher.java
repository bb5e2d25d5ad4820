package dev.webhooks.publish;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import dev.webhooks.delivery.DeliveryDispatcher;
import dev.webhooks.delivery.DeliveryRepository;
import dev.webhooks.delivery.DeliveryTask;
import dev.webhooks.delivery.NewDelivery;
import dev.webhooks.delivery.NewEvent;
import dev.webhooks.endpoint.EndpointOrdering;
import dev.webhooks.endpoint.WebhookEndpoint;
import dev.webhooks.endpoint.WebhookSubscribers;
import dev.webhooks.event.EventContent;
import dev.webhooks.event.EventTypeCatalog;
import dev.webhooks.event.EventTypes;
import dev.webhooks.event.OutboxEvent;
import dev.webhooks.event.SortableIdGenerator;
import dev.webhooks.event.WebhookEnvelopeWriter;
import dev.webhooks.event.filter.PayloadFilter;
import dev.webhooks.publish.GroupCommit.Written;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.function.SingletonSupplier;

/**
 * The transactional outbox write. In the caller's transaction, or in one of its own when none is active, it
 * serialises the envelope once, inserts the event and one delivery per subscribed enabled endpoint of the event's
 * tenant whose payload filter, if it has one, the event passes (the envelope is read into a tree once per event for
 * all such filters; an event a filter rejects gets no delivery row for that endpoint), the deliveries already leased to this instance's {@link DeliveryDispatcher}; after the commit it hands
 * them to the dispatcher, so the fast path never waits for the poller. A rollback inserts and sends nothing. With
 * no dispatcher in the application the rows stay pending for whichever instance polls.
 * <p>
 * Without a caller transaction, concurrent publishes share one transaction ({@link GroupCommit}); each call still
 * returns only after its event is committed.
 * <p>
 * Idempotency: a key seen for the same tenant within the window returns the first event's id and inserts
 * nothing. The store locks the key for the rest of the transaction ({@link DeliveryRepository#lockIdempotencyKey}),
 * so a second transaction publishing it waits until the first has committed and then finds its event.
 */
public class OutboxWebhookPublisher implements WebhookPublisher {

	/** Prefix of delivery ids. */
	public static final String DELIVERY_PREFIX = "dlv_";

	private static final Log logger = LogFactory.getLog(OutboxWebhookPublisher.class);

	/** The most publishes of concurrent callers written in one transaction. */
	private static final int MAX_GROUP_SIZE = 100;

	private static final WebhookPublishObservationConvention DEFAULT_OBSERVATION_CONVENTION =
			new DefaultWebhookPublishObservationConvention();

	private static final Runnable NOTHING = () -> {
	};

	private final DeliveryRepository deliveries;

	private final WebhookSubscribers subscribers;

	private final EventTypeCatalog catalog;

	private final WebhookEnvelopeWriter envelopeWriter;

	private final TransactionOperations transactions;

	// looked up once it exists rather than through the bean factory on every publish
	private final SingletonSupplier<DeliveryDispatcher> dispatcher;

	private final PublisherSettings settings;

	private final PublishMetrics metrics;

	private final Clock clock;

	private final SortableIdGenerator ids;

	private final GroupCommit<Outgoing> groupCommit;

	private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	private WebhookPublishObservationConvention observationConvention;

	/**
	 * Create a publisher.
	 * @param deliveries the outbox
	 * @param subscribers finds the subscribers of an event
	 * @param catalog the declared event types
	 * @param envelopeWriter serialises the envelope
	 * @param transactions a {@code PROPAGATION_REQUIRED} template on the outbox's data source, so a publish joins
	 * the caller's transaction
	 * @param dispatcher the delivery engine, if the application has one
	 * @param settings strictness and idempotency window
	 * @param metrics where to count published events
	 * @param clock the clock
	 */
	public OutboxWebhookPublisher(DeliveryRepository deliveries, WebhookSubscribers subscribers,
			EventTypeCatalog catalog, WebhookEnvelopeWriter envelopeWriter, TransactionOperations transactions,
			ObjectProvider<DeliveryDispatcher> dispatcher, PublisherSettings settings, PublishMetrics metrics,
			Clock clock) {
		this.deliveries = deliveries;
		this.subscribers = subscribers;
		this.catalog = catalog;
		this.envelopeWriter = envelopeWriter;
		this.transactions = transactions;
		this.dispatcher = SingletonSupplier.of(dispatcher::getIfAvailable);
		this.settings = settings;
		this.metrics = metrics;
		this.clock = clock;
		this.ids = new SortableIdGenerator(clock);
		this.groupCommit = new GroupCommit<>(transactions, this::write, MAX_GROUP_SIZE);
	}

	/**
	 * Observe each publish in a registry ({@link ObservationRegistry#NOOP} by default).
	 * @param observationRegistry the registry
	 */
	public void setObservationRegistry(ObservationRegistry observationRegistry) {
		this.observationRegistry = (observationRegistry != null) ? observationRegistry : ObservationRegistry.NOOP;
	}

	/**
	 * Name and tag the publishes' observations with a convention of the application's.
	 * @param observationConvention the convention, or {@code null} for the
	 * {@link DefaultWebhookPublishObservationConvention}
	 */
	public void setObservationConvention(WebhookPublishObservationConvention observationConvention) {
		this.observationConvention = observationConvention;
	}

	@Override
	public String publish(PublishRequest message) {
		Observation observation = Observation.createNotStarted(this.observationConvention,
				DEFAULT_OBSERVATION_CONVENTION, () -> new WebhookPublishObservationContext(message),
				this.observationRegistry)
			.start();
		// null when nothing observes (the no-op registry creates no context)
		WebhookPublishObservationContext context = (observation
			.getContext() instanceof WebhookPublishObservationContext publish) ? publish : null;
		try (Observation.Scope scope = observation.openScope()) {
			// started, so a tracing handler has written the publish's trace context into the carrier
			String eventId = publish(new Outgoing(message, (context != null) ? context.getTraceParent() : null));
			if (context != null) {
				context.setEventId(eventId);
			}
			return eventId;
		}
		catch (RuntimeException ex) {
			if (context != null) {
				context.setFailed(true);
			}
			observation.error(ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

	private String publish(Outgoing outgoing) {
		PublishRequest message = outgoing.request();
		EventTypes.requireValid(message.type());
		if (this.settings.strictEventTypes()) {
			this.catalog.requireDeclared(message.type());
		}
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			return this.transactions.execute((status) -> {
				Written written = write(List.of(outgoing)).get(0);
				afterCommit(written.afterCommit());
				return written.eventId();
			});
		}
		return this.groupCommit.publish(outgoing);
	}

	/**
	 * Write requests in the current transaction: their events and deliveries go to the store in one batch, and
	 * the subscribers of each tenant and type are looked up once for all of them.
	 */
	private List<Written> write(List<Outgoing> requests) {
		DeliveryDispatcher dispatcher = this.dispatcher.get();
		String owner = (dispatcher != null) ? dispatcher.instanceId() : null;
		Map<TenantType, List<WebhookEndpoint>> subscribersByType = new HashMap<>();
		// a key repeated within the batch is not in the table yet
		Map<TenantKey, String> keysInBatch = new HashMap<>();
		lockIdempotencyKeys(requests);
		List<NewEvent> inserts = new ArrayList<>(requests.size());
		List<Written> written = new ArrayList<>(requests.size());
		for (Outgoing outgoing : requests) {
			PublishRequest message = outgoing.request();
			Instant now = this.clock.instant();
			TenantKey key = (message.idempotencyKey() != null)
					? new TenantKey(message.tenantId(), message.idempotencyKey()) : null;
			Optional<String> first = (key != null) ? firstEventWith(key, keysInBatch, now) : Optional.empty();
			if (first.isPresent()) {
				written.add(new Written(first.get(), NOTHING));
				continue;
			}
			String eventId = this.ids.nextEventId();
			byte[] body = this.envelopeWriter.write(new EventContent(eventId, message.type(), now,
					message.tenantId(), message.text(), message.data(), message.errorMessage()));
			List<WebhookEndpoint> subscribers = subscribersByType.computeIfAbsent(
					new TenantType(message.tenantId(), message.type()),
					(tt) -> this.subscribers.subscribersOf(tt.tenantId(), tt.type()));
			Instant leasedUntil = (dispatcher != null) ? now.plus(dispatcher.lease()) : null;
			List<NewDelivery> rows = new ArrayList<>(subscribers.size());
			List<DeliveryTask> tasks = new ArrayList<>(subscribers.size());
			// read once for all the filtered endpoints of this event, and only if there is one
			JsonNode envelope = null;
			List<String> orderedEndpoints = null;
			for (WebhookEndpoint endpoint : subscribers) {
				if (endpoint.filter() != null) {
					if (envelope == null) {
						envelope = PayloadFilter.readEnvelope(body);
					}
					if (!endpoint.filter().matches(envelope)) {
						continue;
					}
				}
				String deliveryId = this.ids.nextId(DELIVERY_PREFIX);
				if (isOrdered(endpoint)) {
					// its place in the queue is given by the store; the scheduler sends it when it is the head
					rows.add(NewDelivery.ordered(deliveryId, endpoint.id(), now));
					orderedEndpoints = (orderedEndpoints != null) ? orderedEndpoints : new ArrayList<>();
					orderedEndpoints.add(endpoint.id());
					continue;
				}
				rows.add(new NewDelivery(deliveryId, endpoint.id(), now, owner, leasedUntil));
				tasks.add(new DeliveryTask(deliveryId, eventId, message.type(), message.tenantId(), now, body,
						endpoint.id(), endpoint.url(), endpoint.headers(), endpoint.signingSecretsAt(now), 0,
						outgoing.traceParent(), endpoint.sslBundle()));
			}
			inserts.add(new NewEvent(new OutboxEvent(eventId, message.type(), message.tenantId(), now, body,
					message.idempotencyKey(), outgoing.traceParent()), rows));
			if (key != null) {
				keysInBatch.put(key, eventId);
			}
			List<String> ordered = (orderedEndpoints != null) ? orderedEndpoints : List.of();
			written.add(new Written(eventId, () -> published(message.type(), eventId, dispatcher, tasks, ordered)));
		}
		if (!inserts.isEmpty()) {
			this.deliveries.insertAll(inserts);
		}
		return written;
	}

	/** Locks the batch's keys in one order, so that two transactions never each hold a key the other waits for. */
	private void lockIdempotencyKeys(List<Outgoing> requests) {
		Set<TenantKey> keys = new TreeSet<>(TenantKey.ORDER);
		for (Outgoing outgoing : requests) {
			PublishRequest request = outgoing.request();
			if (request.idempotencyKey() != null) {
				keys.add(new TenantKey(request.tenantId(), request.idempotencyKey()));
			}
		}
		keys.forEach((key) -> this.deliveries.lockIdempotencyKey(key.tenantId(), key.idempotencyKey()));
	}

	private Optional<String> firstEventWith(TenantKey key, Map<TenantKey, String> keysInBatch, Instant now) {
		String inBatch = keysInBatch.get(key);
		if (inBatch != null) {
			return Optional.of(inBatch);
		}
		return this.deliveries.findEventIdByIdempotencyKey(key.tenantId(), key.idempotencyKey(),
				now.minus(this.settings.idempotencyWindow()));
	}

	private void published(String type, String eventId, DeliveryDispatcher dispatcher, List<DeliveryTask> tasks,
			List<String> orderedEndpoints) {
		if (logger.isDebugEnabled()) {
			logger.debug("Published " + type + " " + eventId + " to " + (tasks.size() + orderedEndpoints.size())
					+ " endpoint(s)");
		}
		this.metrics.published(type);
		if (dispatcher != null && !tasks.isEmpty()) {
			dispatch(dispatcher, tasks);
		}
		if (dispatcher != null && !orderedEndpoints.isEmpty()) {
			try {
				dispatcher.orderedDeliveriesAdded(orderedEndpoints);
			}
			catch (RuntimeException ex) {
				logger.warn("Could not wake the ordered deliveries of event " + eventId + "; the next search finds "
						+ "them", ex);
			}
		}
	}

	private static boolean isOrdered(WebhookEndpoint endpoint) {
		return endpoint.ordering() == EndpointOrdering.FIFO;
	}

	private void dispatch(DeliveryDispatcher dispatcher, List<DeliveryTask> tasks) {
		try {
			dispatcher.dispatch(tasks);
		}
		catch (RuntimeException ex) {
			// the rows are committed: when their lease runs out the poller sends them
			logger.warn("Could not hand " + tasks.size() + " deliveries of event " + tasks.get(0).eventId()
					+ " to the dispatcher; the poller will send them", ex);
		}
	}

	private static void afterCommit(Runnable action) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCommit() {
					action.run();
				}

			});
		}
		else {
			action.run();
		}
	}


	private record TenantType(String tenantId, String type) {
	}

	/** A request with the trace context of its publish, carried to whichever thread writes it. */
	private record Outgoing(PublishRequest request, String traceParent) {
	}

	private record TenantKey(String tenantId, String idempotencyKey) {

		static final Comparator<TenantKey> ORDER = Comparator
			.comparing(TenantKey::tenantId, Comparator.nullsFirst(Comparator.naturalOrder()))
			.thenComparing(TenantKey::idempotencyKey);

	}

	/**
	 * How the publisher treats types and idempotency keys.
	 *
	 * @param strictEventTypes whether publishing a type the catalog does not declare fails
	 * @param idempotencyWindow how long an idempotency key is remembered
	 */
	public record PublisherSettings(boolean strictEventTypes, Duration idempotencyWindow) {

		/** Strict types and a 24-hour idempotency window. */
		public static final PublisherSettings DEFAULTS = new PublisherSettings(true, Duration.ofHours(24));

	}

}
