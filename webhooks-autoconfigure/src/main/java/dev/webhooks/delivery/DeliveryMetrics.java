package dev.webhooks.delivery;

import java.time.Duration;

/**
 * Where the dispatcher reports what it did, for metrics. Implementations never tag by URL or endpoint, only by
 * outcome and event type, so the number of series stays bounded.
 */
public interface DeliveryMetrics {

	/** Records nothing: used when the application has no meter registry. */
	DeliveryMetrics NONE = new DeliveryMetrics() {

		@Override
		public void attempted(String eventType, AttemptResult result, Duration duration) {
		}

		@Override
		public void delivered(String eventType, Duration sincePublished) {
		}

	};

	/**
	 * One attempt ended.
	 * @param eventType the event type
	 * @param result what it led to
	 * @param duration how long the request took
	 */
	void attempted(String eventType, AttemptResult result, Duration duration);

	/**
	 * A delivery succeeded.
	 * @param eventType the event type
	 * @param sincePublished the time from publishing the event to this success
	 */
	void delivered(String eventType, Duration sincePublished);

}
