package dev.webhooks.receive;

import java.time.Duration;

/**
 * What the receiving side reports about itself. {@link #NONE} when the application has no meter registry;
 * {@link MicrometerWebhookReceiverMetrics} otherwise.
 */
public interface WebhookReceiverMetrics {

	/** Reports nothing. */
	WebhookReceiverMetrics NONE = new WebhookReceiverMetrics() {
	};

	/**
	 * A request was answered.
	 * @param source the source name as requested (an unknown one included)
	 * @param outcome what happened to it
	 */
	default void received(String source, ReceiveOutcome outcome) {
	}

	/**
	 * A listener was called.
	 * @param listener the listener
	 * @param duration how long it ran
	 * @param failure what it threw, or {@code null}
	 */
	default void listenerCalled(WebhookListenerMethod listener, Duration duration, Throwable failure) {
	}

	/**
	 * An asynchronous message is tried again after its listeners failed.
	 * @param source the source name
	 */
	default void asyncRetried(String source) {
	}

	/**
	 * An asynchronous message failed on every attempt and was given up.
	 * @param source the source name
	 */
	default void asyncFailed(String source) {
	}

}
