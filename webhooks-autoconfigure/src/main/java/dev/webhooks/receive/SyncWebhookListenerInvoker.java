package dev.webhooks.receive;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Calls the listeners before the request is answered: on success the message is confirmed as handled (204); when
 * a listener throws, its claim is released and the request answered 500, so the sender's retry is handled again.
 */
public class SyncWebhookListenerInvoker implements WebhookListenerInvoker {

	// the receiver's category, where these lines were logged before the invokers were split out of it
	private static final Log logger = LogFactory.getLog(WebhookReceiver.class);

	private final IdempotencyStore store;

	private final ListenerChain listeners;

	/**
	 * Create the invoker.
	 * @param store confirms or releases the claim
	 * @param metrics times the listener calls
	 */
	public SyncWebhookListenerInvoker(IdempotencyStore store, WebhookReceiverMetrics metrics) {
		this.store = store;
		this.listeners = new ListenerChain(metrics);
	}

	@Override
	public ReceiveResult invoke(ReceivedWebhook webhook) {
		WebhookMessage message = webhook.message();
		try {
			this.listeners.call(webhook);
		}
		catch (WebhookPayloadConversionException ex) {
			if (message.id() != null) {
				this.store.release(message.source(), message.id());
			}
			// the sender's data or the listener's type is wrong, not the application: one line, no stack trace
			logger.warn(ex.getMessage() + "; answered 500 so the sender retries once the listener or the payload is "
					+ "fixed (" + ex.getCause().getClass().getSimpleName() + ")");
			return new ReceiveResult(ReceiveOutcome.LISTENER_ERROR, "Listener " + ex.getListenerId()
					+ " could not convert " + ex.getField() + " of the payload to " + ex.getTargetType()
					+ "; the message was not recorded as handled");
		}
		catch (RuntimeException ex) {
			if (message.id() != null) {
				this.store.release(message.source(), message.id());
			}
			logger.error("A @WebhookListener failed on " + message + "; answered 500 so the sender retries", ex);
			return new ReceiveResult(ReceiveOutcome.LISTENER_ERROR,
					"A listener failed; the message was not recorded as handled");
		}
		if (message.id() != null) {
			this.store.confirm(message.source(), message.id());
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Handled " + message);
		}
		return ReceiveResult.of(ReceiveOutcome.VERIFIED);
	}

}
