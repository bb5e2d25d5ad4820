package dev.webhooks.receive;

import java.time.Instant;

/**
 * Remembers which messages of each source have been handled, so a message a sender delivers again (a retry, a
 * replay, two concurrent deliveries) reaches the listeners once.
 * <p>
 * It works claim-then-confirm: a request first {@link #claim claims} the id; only the request that gets
 * {@link Claim#CLAIMED} calls the listeners, then {@link #confirm confirms} on success or {@link #release releases}
 * on failure, so that the sender's next retry is handled again. A claim not confirmed within the store's claim
 * timeout (the instance died) can be claimed again.
 * <p>
 * The messages of asynchronous sources, accepted before they are handled, are kept by a {@link WebhookInbox};
 * the JDBC and in-memory stores are also inboxes.
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
	 * Forget handled and abandoned messages received before a time. Pending messages (in a {@link WebhookInbox}
	 * the store also is) are kept.
	 * @param receivedBefore the cut-off
	 * @return how many entries were removed
	 */
	int purge(Instant receivedBefore);

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
