package dev.webhooks.store;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The confirmations of a {@link JdbcIdempotencyStore} that were answered but are not written yet: the request
 * whose listener succeeded does not wait for an {@code UPDATE} and its commit; a writer thread writes what has
 * collected, every flush interval, as one JDBC batch in one transaction. Until an id is written the store answers
 * its claims from here ({@link #contains}), so this instance never handles it twice; another instance sees the
 * row still claimed and answers "in progress", so the sender retries later and then finds it handled.
 * <p>
 * What this costs: the confirmations not yet written when the process dies are lost, so their rows stay claimed
 * until the claim timeout and a redelivery after that is handled again: a duplicate, never a loss. Closing writes
 * them all. A batch whose write fails stays here and is tried again on the next flush; past {@code maxPending}
 * waiting ids the store writes each confirmation at once again, on the request's thread.
 */
final class DeferredConfirmations implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(DeferredConfirmations.class);

	/** Ids per JDBC batch. */
	private static final int BATCH_SIZE = 500;

	private final Map<ReceivedId, OffsetDateTime> pending = new ConcurrentHashMap<>();

	private final Consumer<List<Map.Entry<ReceivedId, OffsetDateTime>>> writer;

	private final int maxPending;

	private final ScheduledExecutorService flusher;

	private final Object flushLock = new Object();

	private volatile boolean closed;

	/**
	 * Create and start the writer thread.
	 * @param interval how often what has collected is written
	 * @param maxPending the most ids kept waiting; beyond it {@link #add} declines
	 * @param writer writes one batch (ids and the times they were handled) in one transaction
	 */
	DeferredConfirmations(Duration interval, int maxPending,
			Consumer<List<Map.Entry<ReceivedId, OffsetDateTime>>> writer) {
		this.writer = writer;
		this.maxPending = maxPending;
		CustomizableThreadFactory threads = new CustomizableThreadFactory("webhooks-received-confirm-");
		threads.setDaemon(true);
		this.flusher = Executors.newSingleThreadScheduledExecutor(threads);
		long millis = Math.max(1, interval.toMillis());
		this.flusher.scheduleWithFixedDelay(this::flushQuietly, millis, millis, TimeUnit.MILLISECONDS);
	}

	/**
	 * Keep a confirmation for the next batch.
	 * @param id the confirmed id
	 * @param handledAt when it was handled
	 * @return {@code false} when it was not kept (too many wait, or the store is closed): the caller writes it
	 */
	boolean add(ReceivedId id, OffsetDateTime handledAt) {
		if (this.closed || this.pending.size() >= this.maxPending) {
			return false;
		}
		this.pending.put(id, handledAt);
		if (this.closed) {
			// close() may have written its last batch before this id arrived: write it now
			flush();
		}
		return true;
	}

	/**
	 * Whether an id is confirmed but not written yet.
	 * @param id the id
	 * @return whether it waits here
	 */
	boolean contains(ReceivedId id) {
		return this.pending.containsKey(id);
	}

	/**
	 * Write everything waiting, on the caller's thread.
	 * @throws RuntimeException when a batch could not be written (it stays waiting)
	 */
	void flush() {
		synchronized (this.flushLock) {
			List<Map.Entry<ReceivedId, OffsetDateTime>> batch = new ArrayList<>(BATCH_SIZE);
			for (Map.Entry<ReceivedId, OffsetDateTime> entry : this.pending.entrySet()) {
				batch.add(Map.entry(entry.getKey(), entry.getValue()));
				if (batch.size() == BATCH_SIZE) {
					write(batch);
					batch.clear();
				}
			}
			if (!batch.isEmpty()) {
				write(batch);
			}
		}
	}

	/** Stop the writer thread and write what is left. */
	@Override
	public void close() {
		this.closed = true;
		this.flusher.shutdown();
		try {
			this.flusher.awaitTermination(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		try {
			flush();
		}
		catch (RuntimeException ex) {
			logger.error(this.pending.size() + " confirmations of received webhooks could not be written at "
					+ "shutdown; a redelivery of those ids after the claim timeout is handled again", ex);
		}
	}

	private void write(List<Map.Entry<ReceivedId, OffsetDateTime>> batch) {
		this.writer.accept(batch);
		// removed only once committed, so a claim meanwhile finds the id here or in the table, never in neither
		for (Map.Entry<ReceivedId, OffsetDateTime> entry : batch) {
			this.pending.remove(entry.getKey(), entry.getValue());
		}
	}

	private void flushQuietly() {
		try {
			flush();
		}
		catch (RuntimeException ex) {
			logger.warn(this.pending.size() + " confirmations of received webhooks could not be written; "
					+ "they are tried again at the next flush", ex);
		}
	}

	/** A message id of a source. */
	record ReceivedId(String source, String messageId) {
	}

}
