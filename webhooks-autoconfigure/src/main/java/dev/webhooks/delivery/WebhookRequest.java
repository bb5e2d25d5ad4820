package dev.webhooks.delivery;

import java.net.URI;
import java.util.Map;

/**
 * One signed POST to an endpoint.
 *
 * @param url where to send it
 * @param headers every header to send, signature headers included
 * @param body the serialised envelope
 */
public record WebhookRequest(URI url, Map<String, String> headers, byte[] body) {

	@Override
	public String toString() {
		// headers and body stay out: custom headers may carry credentials
		return "WebhookRequest[" + this.url + "]";
	}

}
