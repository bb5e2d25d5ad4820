package dev.webhooks.delivery;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.webhooks.signing.StandardWebhooksScheme;

/**
 * Builds the request of one attempt: the Standard Webhooks headers signed with the attempt's time (the
 * {@code webhook-id} is the event id, the same on every retry and for every endpoint), optionally the same
 * three with the {@code svix-} prefix, {@code content-type}, {@code user-agent}, and the endpoint's custom
 * headers, which may never replace the signature or framing headers.
 */
public class SignedRequestFactory {

	private static final Set<String> RESERVED = Set.of("webhook-id", "webhook-timestamp", "webhook-signature",
			"svix-id", "svix-timestamp", "svix-signature", "content-type", "content-length", "host", "connection",
			"transfer-encoding");

	private final StandardWebhooksScheme scheme = new StandardWebhooksScheme();

	private final boolean svixHeaders;

	private final String userAgent;

	/**
	 * Create a factory.
	 * @param svixHeaders whether to send the {@code svix-} prefixed copies of the signature headers
	 * @param userAgent the {@code user-agent} header
	 */
	public SignedRequestFactory(boolean svixHeaders, String userAgent) {
		this.svixHeaders = svixHeaders;
		this.userAgent = userAgent;
	}

	/**
	 * The signed request of an attempt.
	 * @param task the delivery
	 * @param attemptTime the time to sign, sent as {@code webhook-timestamp}
	 * @return the request
	 * @throws IllegalArgumentException when the endpoint has no secret or its URL is not a URL
	 */
	public WebhookRequest create(DeliveryTask task, Instant attemptTime) {
		if (task.secrets() == null || task.secrets().isEmpty()) {
			throw new IllegalArgumentException("Endpoint " + task.endpointId() + " has no valid signing secret");
		}
		URI url = URI.create(task.url());
		Map<String, String> headers = new LinkedHashMap<>();
		if (task.headers() != null) {
			task.headers().forEach((name, value) -> {
				if (name != null && value != null && !RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
					headers.put(name, value);
				}
			});
		}
		headers.keySet().removeIf((name) -> name.equalsIgnoreCase("user-agent"));
		headers.put("user-agent", userAgentFor(task));
		headers.put("content-type", "application/json");
		Map<String, String> signature = this.scheme.sign(task.eventId(), attemptTime, task.body(), task.secrets());
		headers.putAll(signature);
		if (this.svixHeaders) {
			headers.put("svix-id", signature.get(StandardWebhooksScheme.ID_HEADER));
			headers.put("svix-timestamp", signature.get(StandardWebhooksScheme.TIMESTAMP_HEADER));
			headers.put("svix-signature", signature.get(StandardWebhooksScheme.SIGNATURE_HEADER));
		}
		return new WebhookRequest(url, headers, task.body());
	}

	private String userAgentFor(DeliveryTask task) {
		if (task.headers() != null) {
			for (Map.Entry<String, String> header : task.headers().entrySet()) {
				if ("user-agent".equalsIgnoreCase(header.getKey()) && header.getValue() != null) {
					return header.getValue();
				}
			}
		}
		return this.userAgent;
	}

}
