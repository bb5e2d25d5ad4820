package dev.webhooks.receive;

/**
 * How the listeners of a verified, de-duplicated webhook are run, and how its claim in the
 * {@link IdempotencyStore} is settled: {@link SyncWebhookListenerInvoker} before the request is answered,
 * {@link AsyncWebhookListenerInvoker} after it, for sources configured {@code async}.
 */
public interface WebhookListenerInvoker {

	/**
	 * Run, or schedule, the listeners of a webhook whose id the caller has claimed (or that has no id).
	 * @param webhook the webhook and its listeners
	 * @return the answer to the request
	 */
	ReceiveResult invoke(ReceivedWebhook webhook);

}
