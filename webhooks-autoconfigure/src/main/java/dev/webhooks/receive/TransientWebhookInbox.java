package dev.webhooks.receive;

import java.util.List;

/**
 * The inbox of an {@link IdempotencyStore} that is not a {@link WebhookInbox} itself: it keeps nothing, so a
 * pending message lives only in the listener executor's queue and is lost on a restart, and a message that fails
 * every retry has its claim released, so the sender's redelivery is handled again.
 */
public final class TransientWebhookInbox implements WebhookInbox {

	private final IdempotencyStore store;

	/**
	 * Create the inbox.
	 * @param store the store whose claims failed messages release
	 */
	public TransientWebhookInbox(IdempotencyStore store) {
		this.store = store;
	}

	@Override
	public void savePending(WebhookMessage message) {
	}

	@Override
	public void markFailed(String source, String messageId) {
		this.store.release(source, messageId);
	}

	@Override
	public List<WebhookMessage> reclaimAbandonedPending(int limit) {
		return List.of();
	}

}
