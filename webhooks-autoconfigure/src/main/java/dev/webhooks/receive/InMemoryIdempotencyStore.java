package dev.webhooks.receive;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link IdempotencyStore} and {@link WebhookInbox} in memory, for applications without a database. It holds
 * at most a fixed number of ids (the oldest are forgotten first), is not shared between instances, and forgets
 * everything on a restart: use the JDBC store where that matters. As an inbox it only marks an id pending (a
 * pending message lives in the listener executor's queue), so it has no abandoned messages to give back.
 */
public class InMemoryIdempotencyStore implements IdempotencyStore, WebhookInbox {

	/** Ids kept when no bound is given. */
	public static final int DEFAULT_MAX_ENTRIES = 100_000;

	private final Map<Key, Tracked> entries;

	private final Duration claimTimeout;

	private final Clock clock;

	/**
	 * Create a store.
	 * @param maxEntries the most ids kept
	 * @param claimTimeout how long a claim holds before another request may take it over
	 * @param clock the clock
	 */
	public InMemoryIdempotencyStore(int maxEntries, Duration claimTimeout, Clock clock) {
		this.claimTimeout = claimTimeout;
		this.clock = clock;
		this.entries = new LinkedHashMap<>(1024, 0.75f, false) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<Key, Tracked> eldest) {
				return size() > maxEntries;
			}

		};
	}

	@Override
	public synchronized Claim claim(String source, String messageId) {
		Key key = new Key(source, messageId);
		Instant now = this.clock.instant();
		Tracked entry = this.entries.get(key);
		if (entry != null) {
			if (entry.state != State.CLAIMED) {
				return Claim.HANDLED;
			}
			if (entry.claimedAt.plus(this.claimTimeout).isAfter(now)) {
				return Claim.IN_PROGRESS;
			}
		}
		this.entries.put(key, new Tracked(State.CLAIMED, now, now));
		return Claim.CLAIMED;
	}

	@Override
	public synchronized void confirm(String source, String messageId) {
		Key key = new Key(source, messageId);
		Tracked entry = this.entries.get(key);
		Instant receivedAt = (entry != null) ? entry.receivedAt : this.clock.instant();
		this.entries.put(key, new Tracked(State.HANDLED, receivedAt, receivedAt));
	}

	@Override
	public synchronized void savePending(WebhookMessage message) {
		Key key = new Key(message.source(), message.id());
		Tracked entry = this.entries.get(key);
		if (entry != null) {
			this.entries.put(key, new Tracked(State.PENDING, entry.receivedAt, entry.claimedAt));
		}
	}

	@Override
	public synchronized void release(String source, String messageId) {
		Key key = new Key(source, messageId);
		Tracked entry = this.entries.get(key);
		if (entry != null && entry.state != State.HANDLED) {
			this.entries.remove(key);
		}
	}

	/** A failed message is forgotten, so the sender's redelivery is handled again. */
	@Override
	public void markFailed(String source, String messageId) {
		release(source, messageId);
	}

	@Override
	public List<WebhookMessage> reclaimAbandonedPending(int limit) {
		return List.of();
	}

	@Override
	public synchronized int purge(Instant receivedBefore) {
		int removed = 0;
		for (Iterator<Tracked> iterator = this.entries.values().iterator(); iterator.hasNext();) {
			Tracked entry = iterator.next();
			// a pending message still waits in the listener executor's queue: forgetting its id would let the
			// sender's retry run the listener a second time
			if (entry.state != State.PENDING && entry.receivedAt.isBefore(receivedBefore)) {
				iterator.remove();
				removed++;
			}
		}
		return removed;
	}

	private record Key(String source, String messageId) {
	}

	private record Tracked(State state, Instant receivedAt, Instant claimedAt) {
	}

	private enum State {

		CLAIMED, PENDING, HANDLED

	}

}
