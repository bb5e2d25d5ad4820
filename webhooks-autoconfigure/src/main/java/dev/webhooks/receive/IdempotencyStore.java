package dev.webhooks.receive;

import java.time.Instant;
import java.util.List;

/**
 * Remembers which messages of each source have been handled, so a message a sender delivers again (a retry, a
 * replay, two concurrent deliveries) reaches the listeners once.
 * <p>
 * It works claim-then-confirm: a request first {@link #claim claims} the id; only the request that gets
 * {@link Claim#CLAIMED} calls the listeners, then {@link #confirm confirms} on success or {@link #release releases}
 * on failure, so that the sender's next retry is handled again. A claim not confirmed within the store's claim
 * timeout (the instance died) can be claimed again.
 * <p>
 * For asynchronous sources the store also keeps the message itself until it is handled; a store that cannot
 * (the in-memory one) loses pending messages on a restart.
 */
public interface IdempotencyStore {

	/**
	 * Claim a message for handling.
	 * @param source the source name
	 * @param messageId the message id
	 * @return whether the caller may handle it
	 */
	Claim claim(String source, String messageId);

	/**
	 * Record a claimed message as handled; later claims answer {@link Claim#HANDLED}.
	 * @param source the source name
	 * @param messageId the message id
	 */
	void confirm(String source, String messageId);

	/**
	 * Give up a claim because handling failed, so the message can be claimed again.
	 * @param source the source name
	 * @param messageId the message id
	 */
	void release(String source, String messageId);

	/**
	 * Forget handled and abandoned messages received before a time. Pending messages are kept.
	 * @param receivedBefore the cut-off
	 * @return how many entries were removed
	 */
	int purge(Instant receivedBefore);

	/**
	 * Keep a claimed message until it is handled asynchronously; it stays claimed meanwhile.
	 * @param message the message
	 */
	default void savePending(WebhookMessage message) {
	}

	/**
	 * Record that an asynchronous message could not be handled after every retry. The message can be claimed
	 * again (a replay from the sender handles it); a durable store keeps it for inspection until purged.
	 * @param source the source name
	 * @param messageId the message id
	 */
	default void markFailed(String source, String messageId) {
		release(source, messageId);
	}

	/**
	 * Claim again the pending messages whose claim has timed out (the instance that accepted them stopped before
	 * handling them), so they can be handled now.
	 * @param limit the most messages to return
	 * @return the messages, now claimed by the caller
	 */
	default List<WebhookMessage> reclaimAbandonedPending(int limit) {
		return List.of();
	}

	/** The answer to a {@link IdempotencyStore#claim claim}. */
	enum Claim {

		/** The caller holds the claim and handles the message. */
		CLAIMED,

		/** The message was handled already, or accepted for asynchronous handling. */
		HANDLED,

		/** Another request holds a live claim on the message and is handling it now. */
		IN_PROGRESS

	}

}
