package dev.webhooks.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

import org.springframework.transaction.support.TransactionOperations;

/**
 * Writes the publishes of concurrent callers that have no transaction of their own in one shared transaction, as
 * a database does with group commit: the begin, the commit and (on PostgreSQL) the flush of the write-ahead log
 * are paid once per group instead of once per event, and the group's rows go to the store together
 * ({@code DeliveryRepository#insertAll}).
 * Each caller still returns only once its event is committed, so {@code publish} stays durable.
 * <p>
 * There is no thread of its own: a caller queues its request and, when no other caller is writing, becomes the
 * writer and writes everything queued, group after group, until its own request is written; then it wakes the
 * caller at the head of the queue to take over. The others wait without a lock, each for its own request, so a
 * finished group releases its callers at once instead of one after another through a lock (a convoy in which
 * each late arrival would write a group of one). What is to happen after the commit (handing deliveries to the
 * dispatcher) runs on each caller's own thread. When the shared transaction fails, its requests are written again
 * one transaction each, so one bad request fails alone.
 */
final class GroupCommit<R> {

	private final AtomicBoolean writing = new AtomicBoolean();

	private final Queue<Pending<R>> queue = new ConcurrentLinkedQueue<>();

	private final TransactionOperations transactions;

	private final Function<List<R>, List<Written>> write;

	private final int maxGroupSize;

	/**
	 * Create a group commit.
	 * @param transactions starts a new transaction (no caller transaction is active on this path)
	 * @param write writes requests inside the current transaction and returns, in the same order, what each
	 * produced
	 * @param maxGroupSize the most requests in one transaction
	 */
	GroupCommit(TransactionOperations transactions, Function<List<R>, List<Written>> write,
			int maxGroupSize) {
		this.transactions = transactions;
		this.write = write;
		this.maxGroupSize = maxGroupSize;
	}

	/**
	 * Write a request, together with whatever other callers queued meanwhile, then run its after-commit action.
	 * @param request the request
	 * @return the event id, once committed
	 */
	String publish(R request) {
		Pending<R> pending = new Pending<>(request, Thread.currentThread());
		this.queue.add(pending);
		boolean interrupted = false;
		while (!pending.done) {
			if (this.writing.compareAndSet(false, true)) {
				try {
					while (!pending.done) {
						writeGroup();
					}
				}
				finally {
					this.writing.set(false);
					// a caller that queued after the last group found a writer busy and is waiting: hand over to it
					Pending<R> next = this.queue.peek();
					if (next != null) {
						LockSupport.unpark(next.caller);
					}
				}
			}
			else {
				// woken when its request is written, or when the writer hands over
				LockSupport.park(this);
				interrupted |= Thread.interrupted();
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
		if (pending.failure != null) {
			throw pending.failure;
		}
		pending.written.afterCommit().run();
		return pending.written.eventId();
	}

	private void writeGroup() {
		List<Pending<R>> group = new ArrayList<>();
		Pending<R> next;
		while (group.size() < this.maxGroupSize && (next = this.queue.poll()) != null) {
			group.add(next);
		}
		if (group.isEmpty()) {
			return;
		}
		try {
			writeTogetherOrAlone(group);
		}
		catch (Error error) {
			// the callers of this group would otherwise wait for ever; the writer's own thread gets the error
			for (Pending<R> pending : group) {
				if (!pending.done) {
					pending.failed(new IllegalStateException("Publishing failed: " + error, error));
				}
			}
			throw error;
		}
	}

	private void writeTogetherOrAlone(List<Pending<R>> group) {
		try {
			List<Written> written = this.transactions
				.execute((status) -> this.write.apply(group.stream().map(Pending::request).toList()));
			for (int i = 0; i < group.size(); i++) {
				group.get(i).succeeded(written.get(i));
			}
		}
		catch (RuntimeException ex) {
			if (group.size() == 1) {
				group.get(0).failed(ex);
				return;
			}
			for (Pending<R> pending : group) {
				writeAlone(pending);
			}
		}
	}

	private void writeAlone(Pending<R> pending) {
		try {
			pending.succeeded(this.transactions.execute((status) -> this.write.apply(List.of(pending.request)).get(0)));
		}
		catch (RuntimeException ex) {
			pending.failed(ex);
		}
	}

	/**
	 * What writing one request produced.
	 *
	 * @param eventId the event's id (the first event's, for a repeated idempotency key)
	 * @param afterCommit what to do once the transaction has committed
	 */
	record Written(String eventId, Runnable afterCommit) {
	}

	/**
	 * A queued request. Its result is written before {@code done}, which is volatile, so a caller that sees it
	 * done sees the result.
	 */
	private static final class Pending<R> {

		private final R request;

		private final Thread caller;

		private volatile boolean done;

		private Written written;

		private RuntimeException failure;

		Pending(R request, Thread caller) {
			this.request = request;
			this.caller = caller;
		}

		R request() {
			return this.request;
		}

		void succeeded(Written written) {
			this.written = written;
			complete();
		}

		void failed(RuntimeException failure) {
			this.failure = failure;
			complete();
		}

		private void complete() {
			this.done = true;
			if (this.caller != Thread.currentThread()) {
				LockSupport.unpark(this.caller);
			}
		}

	}

}
