package dev.webhooks.endpoint;

import java.time.Instant;

import dev.webhooks.signing.WebhookSecret;

/**
 * One signing secret of an endpoint.
 *
 * @param secret the secret
 * @param expiresAt when a rotated-out secret stops signing, or {@code null} for the current one
 */
public record EndpointSecret(WebhookSecret secret, Instant expiresAt) {

	/**
	 * Whether this secret still signs at the given time.
	 * @param now the time
	 * @return {@code true} while it has not expired
	 */
	public boolean isValidAt(Instant now) {
		return this.expiresAt == null || this.expiresAt.isAfter(now);
	}

}
