package dev.webhooks.signing;

/**
 * Thrown when a configured or submitted secret is not a usable signing secret. The message says what is wrong
 * and never contains the secret.
 */
public class InvalidWebhookSecretException extends IllegalArgumentException {

	public InvalidWebhookSecretException(String message) {
		super(message);
	}

}
