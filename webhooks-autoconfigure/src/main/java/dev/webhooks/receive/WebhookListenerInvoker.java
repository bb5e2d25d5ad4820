package dev.webhooks.receive;

import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * Calls the listeners of a message one after the other, timing each call. The first failure stops the call
 * chain, so a retry of the message calls the listeners that succeeded again: listeners must be idempotent
 * when a source has several for one type.
 */
class WebhookListenerInvoker {

	private final WebhookReceiverMetrics metrics;

	WebhookListenerInvoker(WebhookReceiverMetrics metrics) {
		this.metrics = metrics;
	}

	void invoke(List<WebhookListenerEndpoint> endpoints, WebhookMessage message, JsonNode envelope) {
		for (WebhookListenerEndpoint endpoint : endpoints) {
			long start = System.nanoTime();
			Throwable failure = null;
			try {
				endpoint.invoke(message, envelope);
			}
			catch (RuntimeException ex) {
				failure = ex;
				throw ex;
			}
			finally {
				this.metrics.listenerCalled(endpoint, java.time.Duration.ofNanos(System.nanoTime() - start), failure);
			}
		}
	}

}
