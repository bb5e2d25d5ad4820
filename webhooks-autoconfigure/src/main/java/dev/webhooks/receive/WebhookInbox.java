package dev.webhooks.receive;

import java.util.List;

/**
 * Keeps the messages of asynchronous sources from the moment they are accepted with 202 until their listeners
 * have run, so that a message whose instance stopped first is still handled. Separate from the
 * {@link IdempotencyStore}, which remembers ids; a store may implement both (the JDBC one keeps the message in
 * the row of its id). A message is kept while its id is claimed; confirming the id in the store ends it.
 */
public interface WebhookInbox {

	/**
	 * Keep a message whose id the caller has claimed, until it is confirmed or marked failed; meanwhile the
	 * {@link IdempotencyStore} answers {@link IdempotencyStore.Claim#HANDLED} for its id.
	 * @param message the message
	 */
	void savePending(WebhookMessage message);

	/**
	 * Record that a message could not be handled after every retry. It can be claimed again (a replay from the
	 * sender handles it); a durable inbox keeps it for inspection until purged.
	 * @param source the source name
	 * @param messageId the message id
	 */
	void markFailed(String source, String messageId);

	/**
	 * Claim again the pending messages whose claim has timed out (the instance that accepted them stopped before
	 * handling them), so they can be handled now.
	 * @param limit the most messages to return
	 * @return the messages, now claimed by the caller
	 */
	List<WebhookMessage> reclaimAbandonedPending(int limit);

}
