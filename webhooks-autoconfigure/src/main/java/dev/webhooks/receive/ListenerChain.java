package dev.webhooks.receive;

import java.time.Duration;

/**
 * Calls the listeners of a webhook one after the other, timing each call: what both invokers run. The first
 * failure stops the chain, so a retry of the message calls the listeners that succeeded again: listeners must be
 * idempotent when a source has several for one type.
 */
final class ListenerChain {

	private final WebhookReceiverMetrics metrics;

	ListenerChain(WebhookReceiverMetrics metrics) {
		this.metrics = metrics;
	}

	void call(ReceivedWebhook webhook) {
		for (WebhookListenerMethod listener : webhook.listeners()) {
			long start = System.nanoTime();
			Throwable failure = null;
			try {
				listener.invoke(webhook.message(), webhook.envelope());
			}
			catch (RuntimeException ex) {
				failure = ex;
				throw ex;
			}
			finally {
				this.metrics.listenerCalled(listener, Duration.ofNanos(System.nanoTime() - start), failure);
			}
		}
	}

}
