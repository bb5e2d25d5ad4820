package dev.webhooks.publish;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.webhooks.delivery.AddedDelivery;
import dev.webhooks.delivery.DeliveryDispatcher;
import dev.webhooks.delivery.DeliveryLog;
import dev.webhooks.delivery.DeliveryRepository;
import dev.webhooks.delivery.DeliveryTask;
import dev.webhooks.delivery.NewDelivery;
import dev.webhooks.delivery.StoredEvent;
import dev.webhooks.endpoint.EndpointOrdering;
import dev.webhooks.endpoint.WebhookEndpoint;
import dev.webhooks.event.EventContent;
import dev.webhooks.event.OutboxEvent;
import dev.webhooks.event.SortableIdGenerator;
import dev.webhooks.event.WebhookEnvelopeWriter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.function.SingletonSupplier;

/**
 * Sends events to one endpoint only, outside the fan-out of {@link WebhookPublisher}: a test event, a replay of a
 * stored event (a new delivery with the same event id, so the receiver sees the same {@code webhook-id}), and the
 * recovery of an endpoint's failed deliveries. Each write is a transaction of its own whose deliveries, leased to
 * this instance, go to the {@link DeliveryDispatcher} after the commit, as a publish's do; they are then signed,
 * sent and retried like any other delivery.
 * <p>
 * None of these consults the endpoint's payload filter: the caller named the endpoint and the event, so a test
 * event arrives whatever its payload, and a replay or recovery sends what was already accepted for the endpoint.
 */
public class EndpointDeliveries {

	private static final Log logger = LogFactory.getLog(EndpointDeliveries.class);

	/** How many events a recovery sends again per transaction. */
	private static final int RECOVERY_BATCH = 500;

	private final DeliveryRepository deliveries;

	private final DeliveryLog log;

	private final WebhookEnvelopeWriter envelopeWriter;

	private final TransactionOperations transactions;

	private final SingletonSupplier<DeliveryDispatcher> dispatcher;

	private final Clock clock;

	private final SortableIdGenerator ids;

	/**
	 * Create the service.
	 * @param deliveries the outbox, where a test event is inserted
	 * @param log the outbox's read side, where replays are inserted
	 * @param envelopeWriter serialises a test event's envelope
	 * @param transactions a template on the outbox's data source
	 * @param dispatcher the delivery engine, if the application has one
	 * @param clock the clock
	 */
	public EndpointDeliveries(DeliveryRepository deliveries, DeliveryLog log, WebhookEnvelopeWriter envelopeWriter,
			TransactionOperations transactions, ObjectProvider<DeliveryDispatcher> dispatcher, Clock clock) {
		this.deliveries = deliveries;
		this.log = log;
		this.envelopeWriter = envelopeWriter;
		this.transactions = transactions;
		this.dispatcher = SingletonSupplier.of(dispatcher::getIfAvailable);
		this.clock = clock;
		this.ids = new SortableIdGenerator(clock);
	}

	/**
	 * Send a new event of the endpoint's tenant to this endpoint alone, whatever it subscribes to.
	 * @param endpoint the endpoint
	 * @param type the event type
	 * @param data the payload
	 * @param text the one-line summary, or {@code null}
	 * @return the event id
	 */
	public String sendEvent(WebhookEndpoint endpoint, String type, Object data, String text) {
		return this.transactions.execute((status) -> {
			Instant now = this.clock.instant();
			String eventId = this.ids.nextEventId();
			byte[] body = this.envelopeWriter
				.write(new EventContent(eventId, type, now, endpoint.tenantId(), text, data, null));
			StoredEvent event = new StoredEvent(eventId, type, endpoint.tenantId(), now, body);
			Leased leased = lease(endpoint, event, now);
			this.deliveries.insert(new OutboxEvent(eventId, type, endpoint.tenantId(), now, body, null),
					List.of(leased.row()));
			afterCommit(List.of(leased));
			return eventId;
		});
	}

	/**
	 * Send stored events to an endpoint again, each as a new delivery with the event's id and bytes.
	 * @param endpoint the endpoint
	 * @param events the events
	 * @return the new deliveries' ids, in the events' order
	 */
	public List<String> replay(WebhookEndpoint endpoint, List<StoredEvent> events) {
		if (events.isEmpty()) {
			return List.of();
		}
		return this.transactions.execute((status) -> {
			Instant now = this.clock.instant();
			List<AddedDelivery> rows = new ArrayList<>(events.size());
			List<Leased> leased = new ArrayList<>(events.size());
			for (StoredEvent event : events) {
				Leased one = lease(endpoint, event, now);
				rows.add(new AddedDelivery(event.id(), now, one.row()));
				leased.add(one);
			}
			this.log.insertDeliveries(rows);
			afterCommit(leased);
			return rows.stream().map((row) -> row.delivery().deliveryId()).toList();
		});
	}

	/**
	 * Send again every event whose delivery to the endpoint failed or died since the given time and that was not
	 * sent again since.
	 * @param endpoint the endpoint
	 * @param since the start of the window
	 * @return how many events are sent again
	 */
	public int recover(WebhookEndpoint endpoint, Instant since) {
		int recovered = 0;
		List<StoredEvent> batch;
		do {
			batch = this.log.findEventsToRecover(endpoint.id(), since, RECOVERY_BATCH);
			recovered += replay(endpoint, batch).size();
		}
		while (batch.size() == RECOVERY_BATCH);
		return recovered;
	}

	private Leased lease(WebhookEndpoint endpoint, StoredEvent event, Instant now) {
		DeliveryDispatcher dispatcher = this.dispatcher.get();
		String deliveryId = this.ids.nextId(OutboxWebhookPublisher.DELIVERY_PREFIX);
		if (endpoint.ordering() == EndpointOrdering.FIFO) {
			// joins the back of the endpoint's queue; the scheduler sends it when it is the head
			return new Leased(NewDelivery.ordered(deliveryId, endpoint.id(), now), null, endpoint.id());
		}
		NewDelivery row = (dispatcher != null)
				? new NewDelivery(deliveryId, endpoint.id(), now, dispatcher.instanceId(), now.plus(dispatcher.lease()))
				: new NewDelivery(deliveryId, endpoint.id(), now, null, null);
		DeliveryTask task = new DeliveryTask(deliveryId, event.id(), event.type(), event.tenantId(), event.createdAt(),
				event.body(), endpoint.id(), endpoint.url(), endpoint.headers(), endpoint.signingSecretsAt(now), 0,
				null, endpoint.sslBundle());
		return new Leased(row, task, null);
	}

	private void afterCommit(List<Leased> leased) {
		DeliveryDispatcher dispatcher = this.dispatcher.get();
		if (dispatcher == null || leased.isEmpty()) {
			return;
		}
		List<DeliveryTask> tasks = leased.stream().map(Leased::task).filter(Objects::nonNull).toList();
		List<String> ordered = leased.stream().map(Leased::orderedEndpoint).filter(Objects::nonNull).distinct().toList();
		Runnable dispatch = () -> {
			try {
				if (!tasks.isEmpty()) {
					dispatcher.dispatch(tasks);
				}
				if (!ordered.isEmpty()) {
					dispatcher.orderedDeliveriesAdded(ordered);
				}
			}
			catch (RuntimeException ex) {
				// the rows are committed: when their lease runs out the poller sends them
				logger.warn("Could not hand " + tasks.size() + " deliveries to the dispatcher; the poller will send "
						+ "them", ex);
			}
		};
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCommit() {
					dispatch.run();
				}

			});
		}
		else {
			dispatch.run();
		}
	}

	/** A delivery row with the task the dispatcher sends now, or the ordered endpoint whose queue it joins. */
	private record Leased(NewDelivery row, DeliveryTask task, String orderedEndpoint) {
	}

}
