package dev.webhooks.test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * A request the delivery engine would have sent: signed, with the bytes stored in the outbox, but recorded instead
 * of sent.
 *
 * @param url the endpoint's URL
 * @param headers every header, the signature headers included
 * @param body the body as sent
 * @param envelope the body parsed
 */
public record RecordedDelivery(URI url, Map<String, String> headers, byte[] body, JsonNode envelope) {

	/**
	 * The event type in the envelope.
	 * @return the type
	 */
	public String type() {
		return this.envelope.path("type").asString();
	}

	/**
	 * The event's {@code data.object}.
	 * @return the payload as JSON
	 */
	public JsonNode data() {
		return this.envelope.path("data").path("object");
	}

	/**
	 * A header, by name in any case.
	 * @param name the name
	 * @return the value, or {@code null}
	 */
	public String header(String name) {
		return this.headers.entrySet()
			.stream()
			.filter((header) -> header.getKey().equalsIgnoreCase(name))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElse(null);
	}

	/**
	 * The body as text.
	 * @return the body, UTF-8
	 */
	public String bodyAsString() {
		return new String(this.body, StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		// headers stay out: they carry the signature and perhaps an endpoint's credentials
		return "RecordedDelivery[" + type() + " to " + this.url + "]";
	}

}
