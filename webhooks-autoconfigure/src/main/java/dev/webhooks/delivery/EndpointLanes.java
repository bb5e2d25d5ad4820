package dev.webhooks.delivery;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The in-flight limits of the dispatcher: one queue per endpoint with at most {@code perEndpoint} of its items
 * in flight, and at most {@code total} in flight in all. Endpoints with room take turns, so an endpoint whose
 * requests hang until the timeout holds its own slots only, never the slots the others need.
 *
 * @param <T> the queued items
 */
final class EndpointLanes<T> {

	private final int perEndpoint;

	private final int total;

	private final Map<String, Lane<T>> lanes = new HashMap<>();

	/** Lanes with queued items and a free slot of their own, in turn order. */
	private final LinkedHashSet<Lane<T>> ready = new LinkedHashSet<>();

	private int inFlight;

	private int queued;

	EndpointLanes(int perEndpoint, int total) {
		if (perEndpoint < 1 || total < perEndpoint) {
			throw new IllegalArgumentException("The in-flight limits need 1 <= per endpoint (" + perEndpoint
					+ ") <= total (" + total + ")");
		}
		this.perEndpoint = perEndpoint;
		this.total = total;
	}

	/**
	 * Queue an item.
	 * @param key the endpoint
	 * @param item the item
	 * @return the items that may start now, each holding a slot until {@link #release(String)}
	 */
	synchronized List<Item<T>> offer(String key, T item) {
		Lane<T> lane = this.lanes.computeIfAbsent(key, Lane::new);
		lane.waiting.add(item);
		this.queued++;
		if (lane.inFlight < this.perEndpoint) {
			this.ready.add(lane);
		}
		return drain();
	}

	/**
	 * Free the slot of an item that finished.
	 * @param key its endpoint
	 * @return the items that may start now
	 */
	synchronized List<Item<T>> release(String key) {
		Lane<T> lane = this.lanes.get(key);
		if (lane == null || lane.inFlight == 0) {
			throw new IllegalStateException("No item of this endpoint is in flight");
		}
		lane.inFlight--;
		this.inFlight--;
		if (!lane.waiting.isEmpty()) {
			this.ready.add(lane);
		}
		else if (lane.inFlight == 0) {
			this.lanes.remove(key);
		}
		return drain();
	}

	/**
	 * Remove every queued item that has not started.
	 * @return how many were removed
	 */
	synchronized List<T> clearQueued() {
		List<T> removed = new ArrayList<>(this.queued);
		this.ready.clear();
		this.lanes.values().removeIf((lane) -> {
			removed.addAll(lane.waiting);
			lane.waiting.clear();
			return lane.inFlight == 0;
		});
		this.queued = 0;
		return removed;
	}

	synchronized int inFlight() {
		return this.inFlight;
	}

	synchronized int queued() {
		return this.queued;
	}

	private List<Item<T>> drain() {
		List<Item<T>> started = new ArrayList<>();
		Iterator<Lane<T>> turns = this.ready.iterator();
		while (this.inFlight < this.total && turns.hasNext()) {
			Lane<T> lane = turns.next();
			turns.remove();
			started.add(new Item<>(lane.key, lane.waiting.poll()));
			this.queued--;
			lane.inFlight++;
			this.inFlight++;
			if (!lane.waiting.isEmpty() && lane.inFlight < this.perEndpoint) {
				// back of the line, behind the other endpoints waiting for a slot
				this.ready.add(lane);
				turns = this.ready.iterator();
			}
		}
		return started;
	}

	/**
	 * An item allowed to start, with the endpoint whose slot it holds.
	 *
	 * @param <T> the item type
	 * @param key the endpoint
	 * @param value the item
	 */
	record Item<T>(String key, T value) {
	}

	private static final class Lane<T> {

		private final String key;

		private final ArrayDeque<T> waiting = new ArrayDeque<>();

		private int inFlight;

		Lane(String key) {
			this.key = key;
		}

	}

}
