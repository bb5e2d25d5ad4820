package dev.webhooks.test;

import java.nio.charset.StandardCharsets;

import org.springframework.http.HttpHeaders;

/**
 * A webhook request resolved against an application and signed: where to post it, its headers (the signature
 * headers and {@code content-type}) and its body.
 *
 * @param path the source's path, for example {@code /webhooks/incoming/anon}
 * @param headers the headers to send
 * @param body the body, signed as it is
 */
public record SignedWebhook(String path, HttpHeaders headers, byte[] body) {

	/**
	 * The body as text.
	 * @return the body, UTF-8
	 */
	public String bodyAsString() {
		return new String(this.body, StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return "SignedWebhook[" + this.path + "]";
	}

}
