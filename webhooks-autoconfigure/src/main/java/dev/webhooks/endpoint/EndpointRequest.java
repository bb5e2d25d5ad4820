package dev.webhooks.endpoint;

import java.util.List;
import java.util.Map;

/**
 * What a caller sets on an endpoint. On create, {@code null} means the default; on update, {@code null} leaves
 * the value as it is.
 *
 * @param url the HTTPS URL
 * @param description free text
 * @param eventTypes the subscribed event-type patterns; empty subscribes to every type
 * @param headers custom headers sent with every request
 * @param enabled whether deliveries are made
 * @param signatureVersions the Standard Webhooks signature versions to sign with, {@code v1}, {@code v1a} or
 * both; {@code null} for {@code v1} on create
 */
public record EndpointRequest(String url, String description, List<String> eventTypes, Map<String, String> headers,
		Boolean enabled, List<String> signatureVersions) {

	/**
	 * A request that leaves the signature versions as they are (the default on create).
	 * @param url the HTTPS URL
	 * @param description free text
	 * @param eventTypes the subscribed event-type patterns
	 * @param headers custom headers
	 * @param enabled whether deliveries are made
	 */
	public EndpointRequest(String url, String description, List<String> eventTypes, Map<String, String> headers,
			Boolean enabled) {
		this(url, description, eventTypes, headers, enabled, null);
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
