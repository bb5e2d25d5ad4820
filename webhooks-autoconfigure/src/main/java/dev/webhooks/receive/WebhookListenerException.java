package dev.webhooks.receive;

/**
 * Thrown when a {@link WebhookListener} method fails, or its arguments cannot be made from the message. The
 * message is answered with 500 (so the sender retries) or, when received asynchronously, retried locally.
 */
public class WebhookListenerException extends RuntimeException {

	public WebhookListenerException(String message, Throwable cause) {
		super(message, cause);
	}

}
