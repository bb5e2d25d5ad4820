package dev.webhooks.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionOperations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link GroupCommit}: callers that queue while a transaction is being written share the next one, and a request
 * that fails does not fail the others of its group.
 */
class GroupCommitTests {

	private final CountingTransactions transactions = new CountingTransactions();

	private final CountDownLatch firstIsWriting = new CountDownLatch(1);

	private final CountDownLatch releaseFirst = new CountDownLatch(1);

	private final AtomicInteger sequence = new AtomicInteger();

	private final Map<String, Thread> afterCommitThreads = new ConcurrentHashMap<>();

	@Test
	void callersQueuedDuringAWriteShareTheNextTransaction() throws Exception {
		// given a first caller whose write is under way
		GroupCommit<PublishRequest> groupCommit = new GroupCommit<>(this.transactions, this::write, 100);
		Map<String, String> ids = new ConcurrentHashMap<>();
		Thread first = publishInBackground(groupCommit, "first", ids);
		assertThat(this.firstIsWriting.await(5, TimeUnit.SECONDS)).isTrue();

		// when five more callers publish meanwhile
		List<Thread> others = new ArrayList<>();
		for (int i = 1; i <= 5; i++) {
			others.add(publishInBackground(groupCommit, "other-" + i, ids));
		}
		awaitParked(others);
		this.releaseFirst.countDown();
		join(first, others);

		// then the five were written in one transaction after the first one's
		assertThat(ids).containsOnlyKeys("first", "other-1", "other-2", "other-3", "other-4", "other-5");
		assertThat(ids.values()).allMatch((id) -> id.startsWith("evt_")).doesNotHaveDuplicates();
		assertThat(this.transactions.count()).isEqualTo(2);
	}

	@Test
	void aRequestThatFailsInAGroupFailsAloneAndTheOthersAreWritten() throws Exception {
		// given a first caller whose write is under way, and a group queued behind it with one bad request
		GroupCommit<PublishRequest> groupCommit = new GroupCommit<>(this.transactions, this::write, 100);
		Map<String, String> ids = new ConcurrentHashMap<>();
		Map<String, Throwable> failures = new ConcurrentHashMap<>();
		Thread first = publishInBackground(groupCommit, "first", ids);
		assertThat(this.firstIsWriting.await(5, TimeUnit.SECONDS)).isTrue();
		List<Thread> others = queueBehindTheFirst(groupCommit, List.of("good-1", "bad", "good-2"), ids, failures);

		// when the group is written
		this.releaseFirst.countDown();
		join(first, others);

		// then only the bad request failed, with its own error, and the good ones are written one by one
		assertThat(failures).containsOnlyKeys("bad");
		assertThat(failures.get("bad")).hasMessage("cannot serialise bad");
		assertThat(ids).containsOnlyKeys("first", "good-1", "good-2");
		assertThat(this.transactions.count()).isEqualTo(1 + 1 + 3);
	}

	@Test
	void manyCallersPublishingAtOnceAreAllWrittenAndNoneIsLeftWaiting() throws Exception {
		// given sixteen callers, each publishing 2,000 requests as fast as it can
		GroupCommit<PublishRequest> groupCommit = new GroupCommit<>(this.transactions, this::write, 100);
		Set<String> ids = ConcurrentHashMap.newKeySet();
		List<Thread> callers = new ArrayList<>();
		for (int t = 0; t < 16; t++) {
			callers.add(new Thread(() -> {
				for (int i = 0; i < 2000; i++) {
					ids.add(groupCommit.publish(PublishRequest.builder("tick").build()));
				}
			}));
		}

		// when they run to the end
		callers.forEach(Thread::start);
		for (Thread caller : callers) {
			caller.join(30_000);
		}

		// then every request was written once, none waits for a writer that left, and requests shared transactions
		assertThat(callers).noneMatch(Thread::isAlive);
		assertThat(ids).hasSize(32_000);
		assertThat(this.transactions.count()).isLessThan(32_000);
	}

	private List<GroupCommit.Written> write(List<PublishRequest> requests) {
		List<GroupCommit.Written> written = new ArrayList<>();
		for (PublishRequest request : requests) {
			String eventId = writeOne(request);
			written.add(new GroupCommit.Written(eventId,
					() -> this.afterCommitThreads.put(request.type(), Thread.currentThread())));
		}
		return written;
	}

	private String writeOne(PublishRequest request) {
		if (request.type().equals("first")) {
			this.firstIsWriting.countDown();
			try {
				this.releaseFirst.await(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		if (request.type().equals("fatal")) {
			throw new Error("simulated fatal error");
		}
		if (request.type().equals("bad")) {
			throw new IllegalStateException("cannot serialise bad");
		}
		return "evt_" + this.sequence.incrementAndGet();
	}

	@Test
	void anErrorInAGroupFailsItsCallersAndLaterCallersAreStillWritten() throws Exception {
		// given a first caller whose write is under way, and a group queued behind it whose write throws an Error
		GroupCommit<PublishRequest> groupCommit = new GroupCommit<>(this.transactions, this::write, 100);
		Map<String, String> ids = new ConcurrentHashMap<>();
		Map<String, Throwable> failures = new ConcurrentHashMap<>();
		Thread first = publishInBackground(groupCommit, "first", ids);
		assertThat(this.firstIsWriting.await(5, TimeUnit.SECONDS)).isTrue();
		List<Thread> others = queueBehindTheFirst(groupCommit, List.of("fatal", "innocent"), ids, failures);

		// when the group is written
		this.releaseFirst.countDown();
		join(first, others);

		// then both callers of that group got a failure instead of waiting for ever: the one that wrote the group
		// (the head of the queue) the Error itself, the other an exception naming it; and the next caller is written
		assertThat(others).noneMatch(Thread::isAlive);
		assertThat(failures).containsOnlyKeys("fatal", "innocent");
		assertThat(failures.get("fatal")).isInstanceOf(Error.class).hasMessage("simulated fatal error");
		assertThat(failures.get("innocent")).isInstanceOf(IllegalStateException.class)
			.hasRootCauseMessage("simulated fatal error");
		assertThat(groupCommit.publish(PublishRequest.builder("later").build())).startsWith("evt_");
	}

	@Test
	void eachCallerRunsItsOwnAfterCommitActionOnItsOwnThread() throws Exception {
		// given a first caller whose write is under way, and a group queued behind it
		GroupCommit<PublishRequest> groupCommit = new GroupCommit<>(this.transactions, this::write, 100);
		Map<String, String> ids = new ConcurrentHashMap<>();
		Thread first = publishInBackground(groupCommit, "first", ids);
		assertThat(this.firstIsWriting.await(5, TimeUnit.SECONDS)).isTrue();
		List<Thread> others = List.of(publishInBackground(groupCommit, "other-1", ids),
				publishInBackground(groupCommit, "other-2", ids));
		awaitParked(others);

		// when the group is written by whichever caller holds the lock
		this.releaseFirst.countDown();
		join(first, others);

		// then every after-commit action ran on the thread that published it
		assertThat(this.afterCommitThreads).containsEntry("first", first)
			.containsEntry("other-1", others.get(0))
			.containsEntry("other-2", others.get(1));
	}

	/**
	 * Starts a caller per type, each recording its id or its failure, one after another so that they queue in the
	 * order given: the first of them is the one the writer hands over to.
	 */
	private static List<Thread> queueBehindTheFirst(GroupCommit groupCommit, List<String> types, Map<String, String> ids,
			Map<String, Throwable> failures) {
		List<Thread> callers = new ArrayList<>();
		for (String type : types) {
			Thread caller = new Thread(() -> {
				try {
					ids.put(type, groupCommit.publish(PublishRequest.builder(type).build()));
				}
				catch (Throwable ex) {
					failures.put(type, ex);
				}
			});
			caller.start();
			awaitParked(List.of(caller));
			callers.add(caller);
		}
		return callers;
	}

	private static Thread publishInBackground(GroupCommit groupCommit, String type, Map<String, String> ids) {
		Thread thread = new Thread(() -> ids.put(type, groupCommit.publish(PublishRequest.builder(type).build())));
		thread.start();
		return thread;
	}

	/** Waits until every thread is blocked on the group commit's lock, its request queued. */
	private static void awaitParked(List<Thread> threads) {
		await().atMost(5, TimeUnit.SECONDS)
			.until(() -> threads.stream().allMatch((thread) -> thread.getState() == Thread.State.WAITING));
	}

	private static void join(Thread first, List<Thread> others) throws InterruptedException {
		first.join(5000);
		for (Thread other : others) {
			other.join(5000);
		}
	}

	/** Runs callbacks without a database and counts the transactions asked for. */
	private static final class CountingTransactions implements TransactionOperations {

		private final AtomicInteger count = new AtomicInteger();

		@Override
		public <T> T execute(TransactionCallback<T> action) {
			this.count.incrementAndGet();
			return TransactionOperations.withoutTransaction().execute(action);
		}

		int count() {
			return this.count.get();
		}

	}

}
