package dev.webhooks.endpoint;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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

	/**
	 * The secrets that sign at the given time, in their order (current first): what a delivery attempt signs with.
	 * @param secrets an endpoint's secrets
	 * @param now the time of the attempt
	 * @return the secrets that have not expired
	 */
	public static List<WebhookSecret> signingAt(List<EndpointSecret> secrets, Instant now) {
		List<WebhookSecret> signing = new ArrayList<>(secrets.size());
		for (EndpointSecret secret : secrets) {
			if (secret.isValidAt(now)) {
				signing.add(secret.secret());
			}
		}
		return signing;
	}

}
