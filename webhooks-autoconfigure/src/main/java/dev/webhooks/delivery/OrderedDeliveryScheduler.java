package dev.webhooks.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import dev.webhooks.delivery.OrderedDeliveryRepository.OrderedHead;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Sends the deliveries of ordered (FIFO) endpoints one at a time, in publish order. Only the head of an endpoint's
 * queue is ever leased ({@link OrderedDeliveryRepository#claimOrderedHead}); the next one is claimed once the
 * head's outcome is written: delivered or dead, the queue moves on; a retry keeps the head in place until its next
 * attempt falls due. Because the lease is in the database, two instances never send to one ordered endpoint at
 * once, and after a crash the queue resumes when the crashed instance's lease runs out.
 * <p>
 * It is woken when an ordered delivery is published or a head's outcome is written, and looks for due queues in
 * the database on a fixed delay as well (queues other instances left, heads whose retry fell due). One thread does
 * the claiming; the requests go through the dispatcher like any other.
 */
public final class OrderedDeliveryScheduler {

	private static final Log logger = LogFactory.getLog(OrderedDeliveryScheduler.class);

	/** The most endpoints looked at per round of the fixed-delay search. */
	private static final int ENDPOINTS_PER_ROUND = 1000;

	private final OrderedDeliveryRepository repository;

	private final Consumer<List<DeliveryTask>> dispatch;

	private final String owner;

	private final Duration lease;

	private final Duration interval;

	private final Clock clock;

	/** The head this instance has in flight, by endpoint, with the end of its lease. */
	private final Map<String, Head> heads = new ConcurrentHashMap<>();

	private final Set<String> headDeliveries = ConcurrentHashMap.newKeySet();

	private final Set<String> woken = ConcurrentHashMap.newKeySet();

	private final AtomicBoolean drainQueued = new AtomicBoolean();

	private volatile ScheduledExecutorService executor;

	/**
	 * Create a scheduler.
	 * @param repository where heads are claimed
	 * @param dispatch where claimed heads go to be sent
	 * @param owner this instance's id
	 * @param lease how long a head's lease holds
	 * @param interval the delay between two searches for due queues
	 * @param clock the clock
	 */
	public OrderedDeliveryScheduler(OrderedDeliveryRepository repository, Consumer<List<DeliveryTask>> dispatch,
			String owner, Duration lease, Duration interval, Clock clock) {
		this.repository = repository;
		this.dispatch = dispatch;
		this.owner = owner;
		this.lease = lease;
		this.interval = interval;
		this.clock = clock;
	}

	/**
	 * Whether a delivery is the head of an ordered queue this instance is sending.
	 * @param deliveryId the delivery
	 * @return whether it is
	 */
	public boolean isHead(String deliveryId) {
		return !this.headDeliveries.isEmpty() && this.headDeliveries.contains(deliveryId);
	}

	/**
	 * The outcome of a head was written (or the head was given up): claim the endpoint's next head.
	 * @param endpointId the endpoint
	 * @param deliveryId the head
	 */
	public void headDone(String endpointId, String deliveryId) {
		if (this.headDeliveries.remove(deliveryId)) {
			this.heads.remove(endpointId);
			wake(List.of(endpointId));
		}
	}

	/**
	 * Look at these endpoints' queues soon, on the scheduler's thread.
	 * @param endpointIds the endpoints
	 */
	public void wake(Collection<String> endpointIds) {
		this.woken.addAll(endpointIds);
		ScheduledExecutorService running = this.executor;
		if (running != null && this.drainQueued.compareAndSet(false, true)) {
			try {
				running.execute(this::drainWoken);
			}
			catch (RejectedExecutionException ex) {
				// stopping: the next start or another instance's search takes the queues
				this.drainQueued.set(false);
			}
		}
	}

	/** Start the fixed-delay search and the handling of wake-ups. */
	public synchronized void start() {
		if (this.executor != null) {
			return;
		}
		CustomizableThreadFactory threads = new CustomizableThreadFactory("webhooks-ordered-");
		threads.setDaemon(true);
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, threads);
		executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
		this.executor = executor;
		executor.scheduleWithFixedDelay(this::searchQuietly, 0, this.interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** Stop claiming heads; heads in flight finish in the dispatcher, the others stay for any instance. */
	public synchronized void stop() {
		ScheduledExecutorService stopping = this.executor;
		if (stopping == null) {
			return;
		}
		this.executor = null;
		stopping.shutdown();
		try {
			stopping.awaitTermination(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void searchQuietly() {
		try {
			List<String> due = this.repository.findOrderedEndpointsDue(this.clock.instant(), ENDPOINTS_PER_ROUND);
			for (String endpointId : due) {
				advance(endpointId);
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Could not look for due ordered webhook deliveries", ex);
		}
	}

	private void drainWoken() {
		this.drainQueued.set(false);
		for (String endpointId : List.copyOf(this.woken)) {
			this.woken.remove(endpointId);
			try {
				advance(endpointId);
			}
			catch (RuntimeException ex) {
				logger.warn("Could not claim the next ordered webhook delivery of endpoint " + endpointId
						+ "; the next search tries again", ex);
			}
		}
	}

	private void advance(String endpointId) {
		Instant now = this.clock.instant();
		Head inFlight = this.heads.get(endpointId);
		if (inFlight != null) {
			if (inFlight.leasedUntil().isAfter(now)) {
				return;
			}
			// dropped by the dispatcher without an outcome: its lease ran out, so it can be claimed again
			this.heads.remove(endpointId, inFlight);
			this.headDeliveries.remove(inFlight.deliveryId());
		}
		OrderedHead head = this.repository.claimOrderedHead(endpointId, this.owner, now, this.lease);
		if (head.task() != null) {
			DeliveryTask task = head.task();
			this.heads.put(endpointId, new Head(task.deliveryId(), now.plus(this.lease)));
			this.headDeliveries.add(task.deliveryId());
			this.dispatch.accept(List.of(task));
		}
		else if (head.waitUntil() != null) {
			wakeAt(endpointId, head.waitUntil(), now);
		}
	}

	/** A head due before the next search is looked at again when it falls due, not at the search after. */
	private void wakeAt(String endpointId, Instant at, Instant now) {
		Duration delay = Duration.between(now, at);
		ScheduledExecutorService running = this.executor;
		if (running == null || delay.compareTo(this.interval) >= 0) {
			return;
		}
		try {
			running.schedule(() -> wake(List.of(endpointId)), Math.max(1, delay.toMillis() + 1),
					TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// stopping
		}
	}

	private record Head(String deliveryId, Instant leasedUntil) {
	}

}
