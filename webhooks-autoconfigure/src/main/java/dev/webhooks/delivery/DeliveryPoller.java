package dev.webhooks.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.webhooks.endpoint.EndpointRepository;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Claims due deliveries on a fixed delay and hands them to the {@link DeliveryDispatcher}: retries that fell due,
 * and deliveries the fast path could not finish (a crash, a restart, another instance's expired lease). In steady
 * state it finds nothing, because the fast path sends new deliveries straight away.
 * <p>
 * Less often it does the housekeeping: it disables endpoints whose deliveries have been dying for longer than the
 * configured period (publishing an {@link EndpointDisabledEvent} for each), and purges events, deliveries and
 * attempts older than the retention.
 * <p>
 * It starts after the dispatcher and stops before it; stopping stops the claiming and waits for a poll under way.
 */
public class DeliveryPoller implements SmartLifecycle {

	/** The lifecycle phase: just after the dispatcher's, so the poller stops first. */
	public static final int PHASE = DefaultDeliveryDispatcher.PHASE + 1;

	private static final Log logger = LogFactory.getLog(DeliveryPoller.class);

	private final DeliveryRepository repository;

	private final EndpointRepository endpoints;

	private final DeliveryDispatcher dispatcher;

	private final Settings settings;

	private final ApplicationEventPublisher eventPublisher;

	private final Clock clock;

	private final Object lifecycle = new Object();

	private ScheduledExecutorService scheduler;

	private ScheduledFuture<?> polling;

	private ScheduledFuture<?> housekeeping;

	/**
	 * Create a poller.
	 * @param repository where due deliveries are claimed and old ones purged
	 * @param endpoints where endpoints failing for too long are disabled
	 * @param dispatcher where they go
	 * @param settings its settings
	 * @param eventPublisher where {@link EndpointDisabledEvent}s go, or {@code null}
	 * @param clock the clock
	 */
	public DeliveryPoller(DeliveryRepository repository, EndpointRepository endpoints, DeliveryDispatcher dispatcher,
			Settings settings, ApplicationEventPublisher eventPublisher, Clock clock) {
		this.repository = repository;
		this.endpoints = endpoints;
		this.dispatcher = dispatcher;
		this.settings = settings;
		this.eventPublisher = eventPublisher;
		this.clock = clock;
	}

	/**
	 * Claim due deliveries once and dispatch them.
	 * @return how many were claimed
	 */
	public int poll() {
		int limit = Math.min(this.settings.batchSize(), this.dispatcher.capacity());
		if (limit <= 0) {
			return 0;
		}
		List<DeliveryTask> tasks = this.repository.claimDue(this.dispatcher.instanceId(), this.clock.instant(),
				this.dispatcher.lease(), limit);
		if (!tasks.isEmpty()) {
			logger.debug("Claimed " + tasks.size() + " due webhook deliveries");
			this.dispatcher.dispatch(tasks);
		}
		return tasks.size();
	}

	/**
	 * Disable endpoints failing for too long and purge what is past the retention, once.
	 */
	public void housekeep() {
		Instant now = this.clock.instant();
		List<String> disabled = this.endpoints.disableFailingSince(now.minus(this.settings.endpointDisableAfter()),
				"Deliveries failed for longer than " + this.settings.endpointDisableAfter() + " without a success",
				now);
		for (String endpointId : disabled) {
			EndpointDisabledEvent event = new EndpointDisabledEvent(endpointId,
					"Deliveries failed for longer than " + this.settings.endpointDisableAfter(), now);
			logger.info("Disabled webhook endpoint " + endpointId + ": " + event.reason());
			if (this.eventPublisher != null) {
				this.eventPublisher.publishEvent(event);
			}
		}
		if (this.settings.retention() != null) {
			int purged = this.repository.purgeCreatedBefore(now.minus(this.settings.retention()),
					this.settings.purgeBatchSize());
			if (purged > 0) {
				logger.debug("Purged " + purged + " webhook events older than " + this.settings.retention());
			}
		}
	}

	private void pollQuietly() {
		try {
			// keep claiming while full batches come back, so a backlog drains faster than one batch per interval
			int claimed;
			do {
				claimed = poll();
			}
			while (claimed >= this.settings.batchSize() && isRunning());
		}
		catch (RuntimeException ex) {
			logger.warn("Could not claim due webhook deliveries", ex);
		}
	}

	private void housekeepQuietly() {
		try {
			housekeep();
		}
		catch (RuntimeException ex) {
			logger.warn("Webhook housekeeping failed", ex);
		}
	}

	@Override
	public void start() {
		synchronized (this.lifecycle) {
			if (this.scheduler != null) {
				return;
			}
			CustomizableThreadFactory threads = new CustomizableThreadFactory("webhooks-poller-");
			threads.setDaemon(true);
			this.scheduler = Executors.newSingleThreadScheduledExecutor(threads);
			long interval = this.settings.pollInterval().toMillis();
			this.polling = this.scheduler.scheduleWithFixedDelay(this::pollQuietly, 0, interval,
					TimeUnit.MILLISECONDS);
			long housekeeping = this.settings.housekeepingInterval().toMillis();
			this.housekeeping = this.scheduler.scheduleWithFixedDelay(this::housekeepQuietly, housekeeping,
					housekeeping, TimeUnit.MILLISECONDS);
		}
	}

	@Override
	public void stop() {
		ScheduledExecutorService stopping;
		synchronized (this.lifecycle) {
			stopping = this.scheduler;
			if (stopping == null) {
				return;
			}
			this.polling.cancel(false);
			this.housekeeping.cancel(false);
			this.scheduler = null;
		}
		stopping.shutdown();
		try {
			if (!stopping.awaitTermination(this.settings.pollInterval().toMillis() + 30_000, TimeUnit.MILLISECONDS)) {
				logger.warn("The webhook poller did not stop in time");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		synchronized (this.lifecycle) {
			return this.scheduler != null;
		}
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/**
	 * Settings of the poller.
	 *
	 * @param pollInterval the delay between the end of one poll and the start of the next
	 * @param batchSize the most deliveries claimed per poll
	 * @param housekeepingInterval the delay between two housekeeping runs
	 * @param endpointDisableAfter how long an endpoint's deliveries may keep dying before it is disabled
	 * @param retention how long events are kept, or {@code null} to keep them
	 * @param purgeBatchSize rows deleted per statement when purging
	 */
	public record Settings(Duration pollInterval, int batchSize, Duration housekeepingInterval,
			Duration endpointDisableAfter, Duration retention, int purgeBatchSize) {

		public Settings {
			if (pollInterval.isNegative() || pollInterval.isZero()) {
				throw new IllegalArgumentException("The poll interval must be positive");
			}
			if (batchSize < 1) {
				throw new IllegalArgumentException("The poll batch size must be at least 1");
			}
			if (housekeepingInterval.isNegative() || housekeepingInterval.isZero()) {
				throw new IllegalArgumentException("The housekeeping interval must be positive");
			}
		}

	}

}
