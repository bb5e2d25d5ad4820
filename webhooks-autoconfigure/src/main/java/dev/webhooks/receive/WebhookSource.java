package dev.webhooks.receive;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import dev.webhooks.signing.WebhookSecret;
import dev.webhooks.signing.WebhookSignatureScheme;

/**
 * A configured sender of webhooks: where it posts, how its requests are verified and how they are handled.
 *
 * @param name the source name, used in {@link WebhookListener#source()}, logs and metrics
 * @param path the request path it posts to
 * @param scheme the signature scheme
 * @param secrets the secrets, any one of which verifies a request
 * @param tolerance the largest accepted distance between the signed timestamp and now
 * @param maxBodySize the largest accepted body, in bytes
 * @param async whether listeners run after the request is answered with 202
 */
public record WebhookSource(String name, String path, WebhookSignatureScheme scheme, List<WebhookSecret> secrets,
		Duration tolerance, long maxBodySize, boolean async) {

	public WebhookSource {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(path, "path");
		Objects.requireNonNull(scheme, "scheme");
		Objects.requireNonNull(tolerance, "tolerance");
		secrets = List.copyOf(secrets);
		if (secrets.isEmpty()) {
			throw new IllegalArgumentException("Webhook source '" + name + "' has no secret");
		}
		if (maxBodySize <= 0) {
			throw new IllegalArgumentException("Webhook source '" + name + "' needs a positive max body size");
		}
	}

	@Override
	public String toString() {
		// secrets print masked, but their number is all a log needs
		return "WebhookSource[name=" + this.name + ", path=" + this.path + ", scheme=" + this.scheme.name()
				+ ", secrets=" + this.secrets.size() + ", tolerance=" + this.tolerance + ", maxBodySize="
				+ this.maxBodySize + ", async=" + this.async + "]";
	}

}
