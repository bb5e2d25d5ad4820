package dev.webhooks.delivery;

import java.util.Map;
import java.util.TreeMap;

/**
 * What an endpoint answered.
 *
 * @param statusCode the HTTP status
 * @param headers the response headers (the first value of each), names matched case-insensitively
 * @param body the start of the response body as text, cut at the transport's limit; empty when there was none
 */
public record WebhookResponse(int statusCode, Map<String, String> headers, String body) {

	public WebhookResponse {
		Map<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		if (headers != null) {
			copy.putAll(headers);
		}
		headers = copy;
		body = (body != null) ? body : "";
	}

	/**
	 * The value of a response header.
	 * @param name the name, in any case
	 * @return the value, or {@code null}
	 */
	public String header(String name) {
		return this.headers.get(name);
	}

}
