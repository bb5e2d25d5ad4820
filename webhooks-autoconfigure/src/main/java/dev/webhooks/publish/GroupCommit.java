package dev.webhooks.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import org.springframework.transaction.support.TransactionOperations;

/**
 * Writes the publishes of concurrent callers that have no transaction of their own in one shared transaction, as
 * a database does with group commit: the begin, the commit and (on PostgreSQL) the flush of the write-ahead log
 * are paid once per group instead of once per event. Each caller still returns only once its event is
 * committed, so {@code publish} stays durable.
 * <p>
 * There is no thread of its own: a caller queues its request, then takes the lock; whoever holds it writes
 * everything queued so far. When the shared transaction fails, its requests are written again one transaction
 * each, so one bad request fails alone.
 */
final class GroupCommit {

	private final ReentrantLock lock = new ReentrantLock();

	private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();

	private final TransactionOperations transactions;

	private final Function<PublishRequest, String> write;

	private final int maxGroupSize;

	/**
	 * Create a group commit.
	 * @param transactions starts a new transaction (no caller transaction is active on this path)
	 * @param write writes one request inside the current transaction and returns its event id
	 * @param maxGroupSize the most requests in one transaction
	 */
	GroupCommit(TransactionOperations transactions, Function<PublishRequest, String> write, int maxGroupSize) {
		this.transactions = transactions;
		this.write = write;
		this.maxGroupSize = maxGroupSize;
	}

	/**
	 * Write a request, together with whatever other callers queued meanwhile.
	 * @param request the request
	 * @return the event id, once committed
	 */
	String publish(PublishRequest request) {
		Pending pending = new Pending(request);
		this.queue.add(pending);
		this.lock.lock();
		try {
			// a previous holder may have written it already; the lock makes its result visible here
			while (!pending.done) {
				writeGroup();
			}
		}
		finally {
			this.lock.unlock();
		}
		if (pending.failure != null) {
			throw pending.failure;
		}
		return pending.eventId;
	}

	private void writeGroup() {
		List<Pending> group = new ArrayList<>();
		Pending next;
		while (group.size() < this.maxGroupSize && (next = this.queue.poll()) != null) {
			group.add(next);
		}
		if (group.isEmpty()) {
			return;
		}
		try {
			List<String> ids = this.transactions.execute((status) -> {
				List<String> written = new ArrayList<>(group.size());
				for (Pending pending : group) {
					written.add(this.write.apply(pending.request));
				}
				return written;
			});
			for (int i = 0; i < group.size(); i++) {
				group.get(i).succeeded(ids.get(i));
			}
		}
		catch (RuntimeException ex) {
			if (group.size() == 1) {
				group.get(0).failed(ex);
				return;
			}
			for (Pending pending : group) {
				writeAlone(pending);
			}
		}
	}

	private void writeAlone(Pending pending) {
		try {
			pending.succeeded(this.transactions.execute((status) -> this.write.apply(pending.request)));
		}
		catch (RuntimeException ex) {
			pending.failed(ex);
		}
	}

	/** A queued request; its fields are written and read under the lock. */
	private static final class Pending {

		private final PublishRequest request;

		private boolean done;

		private String eventId;

		private RuntimeException failure;

		Pending(PublishRequest request) {
			this.request = request;
		}

		void succeeded(String eventId) {
			this.eventId = eventId;
			this.done = true;
		}

		void failed(RuntimeException failure) {
			this.failure = failure;
			this.done = true;
		}

	}

}
