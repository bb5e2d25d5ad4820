package dev.webhooks.receive;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Runs on a schedule while the application runs: purges ids older than the retention from the
 * {@link IdempotencyStore}, and dispatches asynchronous messages whose claim was abandoned (the instance that
 * accepted them stopped before handling them).
 */
public class IdempotencyStoreMaintenance implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(IdempotencyStoreMaintenance.class);

	private final IdempotencyStore store;

	private final AsyncWebhookListenerInvoker asyncInvoker;

	private final Duration retention;

	private final Duration interval;

	private final Clock clock;

	private ScheduledExecutorService scheduler;

	/**
	 * Create the maintenance task.
	 * @param store the store
	 * @param asyncInvoker handles recovered messages, or {@code null} when no source is asynchronous
	 * @param retention how long ids are kept
	 * @param interval how often it runs; the first run is right after start-up
	 * @param clock the clock
	 */
	public IdempotencyStoreMaintenance(IdempotencyStore store, AsyncWebhookListenerInvoker asyncInvoker,
			Duration retention, Duration interval, Clock clock) {
		this.store = store;
		this.asyncInvoker = asyncInvoker;
		this.retention = retention;
		this.interval = interval;
		this.clock = clock;
	}

	/** One round: purge, then recover. Public so that an application can also run it from its own scheduler. */
	public void runOnce() {
		try {
			int purged = this.store.purge(this.clock.instant().minus(this.retention));
			if (purged > 0 && logger.isDebugEnabled()) {
				logger.debug("Purged " + purged + " received webhook ids older than " + this.retention);
			}
			if (this.asyncInvoker != null) {
				this.asyncInvoker.recoverAbandoned();
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Idempotency store maintenance failed; it runs again in " + this.interval, ex);
		}
	}

	@Override
	public synchronized void start() {
		if (this.scheduler == null) {
			CustomizableThreadFactory threadFactory = new CustomizableThreadFactory("webhooks-received-maintenance-");
			threadFactory.setDaemon(true);
			this.scheduler = Executors.newSingleThreadScheduledExecutor(threadFactory);
			this.scheduler.scheduleWithFixedDelay(this::runOnce, 0, this.interval.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	@Override
	public synchronized void stop() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
			this.scheduler = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.scheduler != null;
	}

}
