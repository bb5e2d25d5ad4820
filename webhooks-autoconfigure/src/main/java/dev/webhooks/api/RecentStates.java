package dev.webhooks.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The newest state sent of each of the most recently changed deliveries, so that a delivery read again (the stream
 * poller looks back over a window, and a resumed stream's catch-up meets the live feed) is sent only when it
 * changed. Bounded: the least recently changed delivery is forgotten first. Not thread-safe.
 */
final class RecentStates {

	private final Map<String, String> states;

	RecentStates(int capacity) {
		this.states = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
				return size() > capacity;
			}

		};
	}

	/**
	 * Remember a delivery's state.
	 * @param deliveryId the delivery
	 * @param state its state as sent
	 * @return whether it differs from the state remembered
	 */
	boolean changed(String deliveryId, String state) {
		return !state.equals(this.states.put(deliveryId, state));
	}

	void clear() {
		this.states.clear();
	}

}
