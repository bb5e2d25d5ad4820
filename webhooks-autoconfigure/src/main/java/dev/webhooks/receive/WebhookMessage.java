package dev.webhooks.receive;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

import org.springframework.http.HttpHeaders;

/**
 * A verified webhook request as a {@link WebhookListener} method may receive it.
 *
 * @param id the message id ({@code webhook-id}, or the envelope's {@code id} when the scheme sends none); may
 * be {@code null} when neither exists
 * @param type the event type, the envelope's {@code type}
 * @param timestamp the signed timestamp
 * @param source the name of the configured source it came from
 * @param headers the request headers (a read-only copy)
 * @param body the exact bytes received
 */
public record WebhookMessage(String id, String type, Instant timestamp, String source, HttpHeaders headers,
		byte[] body) {

	public WebhookMessage {
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(source, "source");
		// a copy: the request's own headers are recycled once the request is answered
		HttpHeaders copy = new HttpHeaders();
		if (headers != null) {
			headers.forEach(copy::put);
		}
		headers = HttpHeaders.readOnlyHttpHeaders(copy);
		body = (body != null) ? body : new byte[0];
	}

	/**
	 * The body as UTF-8 text.
	 * @return the body
	 */
	public String bodyAsString() {
		return new String(this.body, StandardCharsets.UTF_8);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof WebhookMessage that && Objects.equals(this.id, that.id)
				&& this.type.equals(that.type) && Objects.equals(this.timestamp, that.timestamp)
				&& this.source.equals(that.source) && Arrays.equals(this.body, that.body);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.id, this.type, this.source, Arrays.hashCode(this.body));
	}

	@Override
	public String toString() {
		return "WebhookMessage[id=" + this.id + ", type=" + this.type + ", source=" + this.source + ", timestamp="
				+ this.timestamp + ", body=" + this.body.length + " bytes]";
	}

}
