package dev.webhooks.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls the management API over real HTTP on 127.0.0.1 as one tenant (HTTP Basic), or anonymously.
 */
final class ApiClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	private final String root;

	private final String user;

	ApiClient(int port, String user) {
		this.root = "http://127.0.0.1:" + port;
		this.user = user;
	}

	ApiClient as(String otherUser) {
		return new ApiClient(URI.create(this.root).getPort(), otherUser);
	}

	ApiClient anonymous() {
		return as(null);
	}

	Response get(String path) {
		return send("GET", path, null, "application/json");
	}

	Response delete(String path) {
		return send("DELETE", path, null, "application/json");
	}

	Response post(String path, String json) {
		return send("POST", path, json, "application/json");
	}

	Response patch(String path, String json) {
		return send("PATCH", path, json, "application/json");
	}

	Response send(String method, String path, String body, String contentType) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.root + path))
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body)
					: HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", contentType);
		}
		if (this.user != null) {
			String credentials = this.user + ":" + ApiTestApplication.PASSWORD;
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
		}
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.headers().firstValue("content-type").orElse(null),
					response.body(), response.headers());
		}
		catch (IOException ex) {
			throw new IllegalStateException(method + " " + path + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	record Response(int status, String contentType, String body, java.net.http.HttpHeaders headers) {

		String header(String name) {
			return this.headers.firstValue(name).orElse(null);
		}

		JsonNode json() {
			return JSON.readTree(this.body);
		}

		String text(String pointer) {
			return json().at(pointer).asString();
		}

		@Override
		public String toString() {
			return this.status + " " + this.body;
		}

	}

}
