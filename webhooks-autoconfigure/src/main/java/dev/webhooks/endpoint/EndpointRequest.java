package dev.webhooks.endpoint;

import java.util.List;
import java.util.Map;

import dev.webhooks.event.filter.PayloadFilter;

/**
 * What a caller sets on an endpoint. On create, {@code null} means the default; on update, {@code null} leaves
 * the value as it is, and the fields that may be unset are unset with their "none" value: the empty filter
 * document {@code {}}, a rate limit of {@link #NO_RATE_LIMIT} and an empty SSL bundle name.
 *
 * @param url the HTTPS URL
 * @param description free text
 * @param eventTypes the subscribed event-type patterns; empty subscribes to every type
 * @param headers custom headers sent with every request
 * @param enabled whether deliveries are made
 * @param filter the payload filter; the empty document removes it
 * @param ordering {@code parallel} or {@code fifo}
 * @param rateLimit requests per second, 1 to {@link WebhookEndpoints#MAX_RATE_LIMIT}; {@link #NO_RATE_LIMIT}
 * removes the limit
 * @param sslBundle the name of a Spring Boot SSL bundle ({@code spring.ssl.bundle.*}) for a client certificate;
 * empty removes it
 */
public record EndpointRequest(String url, String description, List<String> eventTypes, Map<String, String> headers,
		Boolean enabled, PayloadFilter filter, EndpointOrdering ordering, Integer rateLimit, String sslBundle) {

	/** The rate limit that means "no limit". */
	public static final int NO_RATE_LIMIT = 0;

	/**
	 * A request that leaves the filter, ordering, rate limit and SSL bundle as they are (or at their defaults).
	 * @param url the HTTPS URL
	 * @param description free text
	 * @param eventTypes the subscribed event-type patterns
	 * @param headers custom headers
	 * @param enabled whether deliveries are made
	 */
	public EndpointRequest(String url, String description, List<String> eventTypes, Map<String, String> headers,
			Boolean enabled) {
		this(url, description, eventTypes, headers, enabled, null, null, null, null);
	}

	/**
	 * A request for an endpoint subscribed to some event types.
	 * @param url the URL
	 * @param eventTypes the patterns
	 * @return the request
	 */
	public static EndpointRequest of(String url, String... eventTypes) {
		return new EndpointRequest(url, null, List.of(eventTypes), null, null);
	}

}
