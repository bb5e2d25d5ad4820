package dev.webhooks.receive;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.webhooks.signing.StandardWebhooksScheme;
import dev.webhooks.signing.WebhookSecret;
import dev.webhooks.signing.WebhookSignatureScheme;

/**
 * Sends real HTTP requests, signed like a sender would sign them, to an application under test.
 */
final class SignedRequests {

	static final String SECRET_1 = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

	static final String SECRET_2 = "whsec_YSBzZWNvbmQgc2VjcmV0IG9mIDMyIGJ5dGVzISEhISE=";

	private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String baseUrl;

	SignedRequests(int port) {
		this.baseUrl = "http://127.0.0.1:" + port;
	}

	static String envelope(String id, String type, String dataObjectJson) {
		return "{\"id\":\"" + id + "\",\"object\":\"event\",\"created\":\"2025-06-18T00:50:40.301173Z\",\"type\":\""
				+ type + "\",\"data\":{\"object\":" + dataObjectJson + "}}";
	}

	HttpResponse<String> postStandard(String path, String messageId, String body, String... secrets) {
		return postSigned(path, new StandardWebhooksScheme(), messageId, Instant.now(), body, secrets);
	}

	HttpResponse<String> postSigned(String path, WebhookSignatureScheme scheme, String messageId, Instant timestamp,
			String body, String... secrets) {
		List<WebhookSecret> parsed = java.util.Arrays.stream(secrets).map(scheme::parseSecret).toList();
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		return post(path, scheme.sign(messageId, timestamp, bytes, parsed), HttpRequest.BodyPublishers.ofByteArray(bytes));
	}

	HttpResponse<String> post(String path, Map<String, String> headers, HttpRequest.BodyPublisher body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.POST(body);
		headers.forEach(request::header);
		try {
			return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
