package dev.webhooks.delivery;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.webhooks.signing.StandardWebhooksScheme;
import dev.webhooks.signing.TimestampedHexScheme;
import dev.webhooks.signing.WebhookSecret;
import dev.webhooks.signing.WebhookSignatureScheme;

/**
 * Builds the request of one attempt: the configured headers sent to every endpoint, the endpoint's custom headers,
 * {@code user-agent}, {@code content-type}, and the signature headers of the {@link WebhookSignatureScheme},
 * signed with the attempt's time. The message id signed and sent is the event id, the same on every retry and for
 * every endpoint (optionally with another prefix). With the Standard Webhooks scheme the three signature headers
 * may be sent a second time with the {@code svix-} prefix.
 * <p>
 * Custom headers may never replace the signature or framing headers: those of an endpoint that do are dropped.
 */
public class SignedRequestFactory {

	private static final Set<String> ALWAYS_RESERVED = Set.of(StandardWebhooksScheme.ID_HEADER,
			StandardWebhooksScheme.TIMESTAMP_HEADER, StandardWebhooksScheme.SIGNATURE_HEADER, "svix-id",
			"svix-timestamp", "svix-signature", "content-type", "content-length", "host", "connection",
			"transfer-encoding");

	private static final List<String> SVIX_HEADERS = List.of("svix-id", "svix-timestamp", "svix-signature");

	private final WebhookSignatureScheme scheme;

	private final Settings settings;

	private final Set<String> reserved;

	// the headers the scheme sends, when known before signing (the built-in schemes); null for other schemes
	private final AttemptSignature knownSignature;

	// the last signature headers an other scheme sent, so the same names are not joined again on every attempt
	private volatile SeenSignature lastSeen;

	/**
	 * A factory signing the Standard Webhooks way with the standard header names.
	 * @param svixHeaders whether to send the {@code svix-} prefixed copies of the signature headers
	 * @param userAgent the {@code user-agent} header
	 */
	public SignedRequestFactory(boolean svixHeaders, String userAgent) {
		this(new StandardWebhooksScheme(), new Settings(userAgent, Map.of(), svixHeaders, null));
	}

	/**
	 * A factory signing with a scheme.
	 * @param scheme how requests are signed
	 * @param settings the other headers
	 * @throws IllegalArgumentException when {@code svix-} copies are asked for with a scheme other than
	 * {@link StandardWebhooksScheme}, or a header of every request is one the engine sets
	 */
	public SignedRequestFactory(WebhookSignatureScheme scheme, Settings settings) {
		boolean standard = scheme.getClass() == StandardWebhooksScheme.class;
		if (settings.svixHeaders() && !standard) {
			throw new IllegalArgumentException("The svix- copies of the signature headers are Standard Webhooks "
					+ "headers; they cannot be sent with the " + scheme.name() + " scheme");
		}
		this.scheme = scheme;
		this.settings = settings;
		List<String> names = knownHeaderNames(scheme, settings.svixHeaders());
		this.knownSignature = (names != null) ? new AttemptSignature(scheme.name(), String.join(",", names)) : null;
		Set<String> reserved = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		reserved.addAll(ALWAYS_RESERVED);
		if (names != null) {
			reserved.addAll(names);
		}
		for (String name : settings.headers().keySet()) {
			if (reserved.contains(name)) {
				throw new IllegalArgumentException("The header " + name + " is set by the delivery engine and "
						+ "cannot be configured as a header of every request");
			}
		}
		this.reserved = reserved;
	}

	private static List<String> knownHeaderNames(WebhookSignatureScheme scheme, boolean svixHeaders) {
		if (scheme.getClass() == StandardWebhooksScheme.class) {
			StandardWebhooksScheme standard = (StandardWebhooksScheme) scheme;
			List<String> names = List.of(standard.idHeader(), standard.timestampHeader(), standard.signatureHeader());
			if (!svixHeaders) {
				return names;
			}
			List<String> both = new ArrayList<>(names);
			both.addAll(SVIX_HEADERS);
			return both;
		}
		if (scheme.getClass() == TimestampedHexScheme.class) {
			TimestampedHexScheme hex = (TimestampedHexScheme) scheme;
			return List.of(hex.idHeader(), hex.signatureHeader());
		}
		return null;
	}

	/**
	 * The scheme requests are signed with.
	 * @return the scheme
	 */
	public WebhookSignatureScheme scheme() {
		return this.scheme;
	}

	/**
	 * The signed request of an attempt.
	 * @param task the delivery
	 * @param attemptTime the time to sign
	 * @return the request
	 * @throws IllegalArgumentException when the endpoint has no secret or its URL is not a URL
	 */
	public WebhookRequest create(DeliveryTask task, Instant attemptTime) {
		if (task.secrets() == null || task.secrets().isEmpty()) {
			throw new IllegalArgumentException("Endpoint " + task.endpointId() + " has no valid signing secret");
		}
		URI url = URI.create(task.url());
		Map<String, String> headers = new LinkedHashMap<>(this.settings.headers());
		boolean custom = false;
		if (task.headers() != null) {
			for (Map.Entry<String, String> header : task.headers().entrySet()) {
				String name = header.getKey();
				if (name != null && header.getValue() != null && !this.reserved.contains(name)) {
					if (!this.settings.headers().isEmpty()) {
						headers.keySet().removeIf(name::equalsIgnoreCase);
					}
					headers.put(name, header.getValue());
					custom = true;
				}
			}
		}
		headers.keySet().removeIf((name) -> name.equalsIgnoreCase("user-agent"));
		headers.put("user-agent", userAgentFor(task));
		headers.put("content-type", "application/json");
		Map<String, String> signature = this.scheme.sign(messageId(task.eventId()), attemptTime, task.body(),
				secretsFor(task));
		if (custom && this.knownSignature == null) {
			signature.keySet().forEach((name) -> headers.keySet().removeIf(name::equalsIgnoreCase));
		}
		headers.putAll(signature);
		if (this.settings.svixHeaders()) {
			StandardWebhooksScheme standard = (StandardWebhooksScheme) this.scheme;
			headers.put(SVIX_HEADERS.get(0), signature.get(standard.idHeader()));
			headers.put(SVIX_HEADERS.get(1), signature.get(standard.timestampHeader()));
			headers.put(SVIX_HEADERS.get(2), signature.get(standard.signatureHeader()));
		}
		return new WebhookRequest(url, headers, task.body(), signatureOf(signature), task.sslBundle());
	}

	/**
	 * The secrets the scheme signs with: all of them for Standard Webhooks, which signs {@code v1a} with the
	 * ed25519 keys; the HMAC secrets alone for any other scheme, which knows nothing of {@code v1a}.
	 */
	private List<WebhookSecret> secretsFor(DeliveryTask task) {
		List<WebhookSecret> secrets = task.secrets();
		if (this.scheme instanceof StandardWebhooksScheme || secrets.stream().noneMatch(WebhookSecret::isEd25519)) {
			return secrets;
		}
		List<WebhookSecret> hmac = secrets.stream().filter((secret) -> !secret.isEd25519()).toList();
		if (hmac.isEmpty()) {
			throw new IllegalArgumentException("Endpoint " + task.endpointId() + " signs v1a only, which the "
					+ this.scheme.name() + " scheme cannot send; give it a v1 secret or sign with standard-webhooks");
		}
		return hmac;
	}

	private String messageId(String eventId) {
		String prefix = this.settings.messageIdPrefix();
		if (prefix == null) {
			return eventId;
		}
		int separator = eventId.indexOf('_');
		return prefix + ((separator >= 0) ? eventId.substring(separator + 1) : eventId);
	}

	private AttemptSignature signatureOf(Map<String, String> signature) {
		if (this.knownSignature != null) {
			return this.knownSignature;
		}
		SeenSignature seen = this.lastSeen;
		if (seen == null || !seen.names().equals(signature.keySet())) {
			seen = new SeenSignature(Set.copyOf(signature.keySet()),
					new AttemptSignature(this.scheme.name(), String.join(",", signature.keySet())));
			this.lastSeen = seen;
		}
		return seen.signature();
	}

	private String userAgentFor(DeliveryTask task) {
		if (task.headers() != null) {
			for (Map.Entry<String, String> header : task.headers().entrySet()) {
				if ("user-agent".equalsIgnoreCase(header.getKey()) && header.getValue() != null) {
					return header.getValue();
				}
			}
		}
		return this.settings.userAgent();
	}

	/**
	 * The headers of every request besides the signature.
	 *
	 * @param userAgent the {@code user-agent} header, unless an endpoint sets its own
	 * @param headers headers sent to every endpoint, before its custom headers (which replace them by name)
	 * @param svixHeaders whether to send the Standard Webhooks headers a second time with the {@code svix-} prefix
	 * @param messageIdPrefix the prefix of the message id signed and sent instead of the event id's own (the part
	 * up to its first {@code _}), for example {@code msg_}; {@code null} sends the event id
	 */
	public record Settings(String userAgent, Map<String, String> headers, boolean svixHeaders,
			String messageIdPrefix) {

		public Settings {
			headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
			if (headers.keySet().stream().anyMatch("user-agent"::equalsIgnoreCase)) {
				throw new IllegalArgumentException("The user-agent has a setting of its own; it cannot be "
						+ "configured as a header of every request");
			}
		}

	}

	private record SeenSignature(Set<String> names, AttemptSignature signature) {
	}

}
