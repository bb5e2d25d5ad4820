package dev.webhooks.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Collects delivery outcomes and writes them through a {@link DeliveryOutcomeRecorder} in batches: when
 * a batch is full, and otherwise on a short interval, so a busy dispatcher makes one round trip per batch
 * rather than one per delivery. Outcomes are written in the order they were added, on one thread.
 * <p>
 * A batch whose write fails is kept and tried again on the next flush (up to a bound), because the deliveries
 * stay leased until then; should the process die, the leases run out and the deliveries are sent again, which
 * at-least-once delivery allows.
 */
final class BatchingOutcomeWriter {

	private static final Log logger = LogFactory.getLog(BatchingOutcomeWriter.class);

	private final DeliveryOutcomeRecorder recorder;

	private final int batchSize;

	private final int maxHeld;

	private final Consumer<List<Entry>> afterWrite;

	private final ScheduledExecutorService flusher;

	private final Object lock = new Object();

	private List<Entry> pending = new ArrayList<>();

	private boolean flushRequested;

	/**
	 * Create and start a writer.
	 * @param recorder where outcomes go
	 * @param batchSize outcomes per write
	 * @param interval the longest an outcome waits before it is written
	 * @param afterWrite called on the writer thread with each batch once it is written
	 */
	BatchingOutcomeWriter(DeliveryOutcomeRecorder recorder, int batchSize, Duration interval,
			Consumer<List<Entry>> afterWrite) {
		this.recorder = recorder;
		this.batchSize = batchSize;
		this.maxHeld = Math.max(batchSize * 100, 10_000);
		this.afterWrite = afterWrite;
		CustomizableThreadFactory threads = new CustomizableThreadFactory("webhooks-outcomes-");
		threads.setDaemon(true);
		this.flusher = Executors.newSingleThreadScheduledExecutor(threads);
		long millis = Math.max(1, interval.toMillis());
		this.flusher.scheduleWithFixedDelay(this::flushQuietly, millis, millis, TimeUnit.MILLISECONDS);
	}

	/**
	 * Add an outcome to the next batch.
	 * @param outcome the outcome
	 * @param event an application event to publish once it is written, or {@code null}
	 */
	void add(DeliveryOutcome outcome, Object event) {
		add(outcome, event, false);
	}

	/**
	 * Add an outcome and have the batch written now rather than at the next interval: an ordered endpoint's next
	 * delivery waits for this one's outcome.
	 * @param outcome the outcome
	 * @param event an application event to publish once it is written, or {@code null}
	 * @param urgent whether to write without waiting for the interval
	 */
	void add(DeliveryOutcome outcome, Object event, boolean urgent) {
		boolean full;
		synchronized (this.lock) {
			this.pending.add(new Entry(outcome, event));
			full = (urgent || this.pending.size() >= this.batchSize) && !this.flushRequested;
			if (full) {
				this.flushRequested = true;
			}
		}
		if (full) {
			this.flusher.execute(this::flushQuietly);
		}
	}

	/**
	 * Write everything added so far, on the caller's thread; used at shutdown.
	 */
	void flushNow() {
		try {
			this.flusher.submit(this::flushQuietly).get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			logger.warn("Could not write the last delivery outcomes", ex);
		}
	}

	/**
	 * Write what is pending and stop.
	 */
	void close() {
		flushNow();
		this.flusher.shutdown();
	}

	int pendingCount() {
		synchronized (this.lock) {
			return this.pending.size();
		}
	}

	private void flushQuietly() {
		List<Entry> batch;
		synchronized (this.lock) {
			this.flushRequested = false;
			if (this.pending.isEmpty()) {
				return;
			}
			batch = this.pending;
			this.pending = new ArrayList<>();
		}
		for (int from = 0; from < batch.size(); from += this.batchSize) {
			List<Entry> part = batch.subList(from, Math.min(batch.size(), from + this.batchSize));
			try {
				this.recorder.record(part.stream().map(Entry::outcome).toList());
			}
			catch (RuntimeException ex) {
				keep(batch.subList(from, batch.size()), ex);
				return;
			}
			try {
				this.afterWrite.accept(part);
			}
			catch (RuntimeException ex) {
				logger.warn("A listener of written delivery outcomes failed", ex);
			}
		}
	}

	private void keep(List<Entry> unwritten, RuntimeException ex) {
		synchronized (this.lock) {
			List<Entry> retained = new ArrayList<>(unwritten);
			retained.addAll(this.pending);
			int excess = retained.size() - this.maxHeld;
			if (excess > 0) {
				retained = new ArrayList<>(retained.subList(excess, retained.size()));
				logger.error("Dropped " + excess + " delivery outcomes that could not be written; their deliveries "
						+ "will be sent again when their leases run out");
			}
			this.pending = retained;
		}
		logger.warn("Could not write " + unwritten.size() + " delivery outcomes; will try again", ex);
	}

	/**
	 * An outcome and the application event to publish once it is written.
	 *
	 * @param outcome the outcome
	 * @param event the event, or {@code null}
	 */
	record Entry(DeliveryOutcome outcome, Object event) {
	}

}
