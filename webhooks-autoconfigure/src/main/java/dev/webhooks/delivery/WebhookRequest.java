package dev.webhooks.delivery;

import java.net.URI;
import java.util.Map;

/**
 * One signed POST to an endpoint.
 *
 * @param url where to send it
 * @param headers every header to send, signature headers included
 * @param body the serialised envelope
 * @param signature how it was signed, for the delivery log, or {@code null} when not known
 * @param sslBundle the SSL bundle for the TLS connection (client certificate, trust), or {@code null} for the
 * transport's default
 */
public record WebhookRequest(URI url, Map<String, String> headers, byte[] body, AttemptSignature signature,
		String sslBundle) {

	/**
	 * A request on the transport's default SSL bundle.
	 * @param url where to send it
	 * @param headers every header to send
	 * @param body the serialised envelope
	 * @param signature how it was signed, or {@code null}
	 */
	public WebhookRequest(URI url, Map<String, String> headers, byte[] body, AttemptSignature signature) {
		this(url, headers, body, signature, null);
	}

	/**
	 * A request whose signature the delivery log does not record.
	 * @param url where to send it
	 * @param headers every header to send
	 * @param body the serialised envelope
	 */
	public WebhookRequest(URI url, Map<String, String> headers, byte[] body) {
		this(url, headers, body, null);
	}

	@Override
	public String toString() {
		// headers and body stay out: custom headers may carry credentials
		return "WebhookRequest[" + this.url + "]";
	}

}
