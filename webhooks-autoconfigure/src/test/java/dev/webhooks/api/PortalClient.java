package dev.webhooks.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real HTTP calls for the portal tests, with the headers a browser's same-origin {@code fetch} sends (or others),
 * as a user over HTTP Basic or with a portal cookie.
 */
final class PortalClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	private final String root;

	private final Map<String, String> headers = new LinkedHashMap<>();

	PortalClient(int port) {
		this.root = "http://127.0.0.1:" + port;
	}

	PortalClient asUser(String user) {
		String credentials = user + ":" + PortalTestApplication.PASSWORD;
		return with("Authorization",
				"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
	}

	PortalClient withCookie(String cookie) {
		return with("Cookie", cookie);
	}

	PortalClient sameOrigin() {
		return with("Sec-Fetch-Site", "same-origin").with("Origin", this.root);
	}

	PortalClient with(String name, String value) {
		PortalClient copy = new PortalClient(URI.create(this.root).getPort());
		copy.headers.putAll(this.headers);
		copy.headers.put(name, value);
		return copy;
	}

	String header(String name) {
		return this.headers.get(name);
	}

	Response get(String path) {
		return send("GET", path, null);
	}

	Response post(String path, String json) {
		return send("POST", path, json);
	}

	Response delete(String path) {
		return send("DELETE", path, null);
	}

	Response send(String method, String path, String json) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.root + path)).method(method,
				(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		this.headers.forEach(request::header);
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.headers().allValues("set-cookie"),
					response.headers().firstValue("content-type").orElse(""), response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(method + " " + path + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	record Response(int status, List<String> setCookies, String contentType, String body) {

		JsonNode json() {
			return JSON.readTree(this.body);
		}

		String text(String pointer) {
			return json().at(pointer).asString();
		}

		/** The {@code name=value} of the portal cookie this response set. */
		String cookie() {
			return this.setCookies.stream()
				.filter((header) -> header.startsWith(PortalSessionFilter.COOKIE + "="))
				.map((header) -> header.substring(0, header.indexOf(';')))
				.findFirst()
				.orElseThrow(() -> new AssertionError("No portal cookie in " + this));
		}

		@Override
		public String toString() {
			return this.status + " " + this.setCookies + " " + this.body;
		}

	}

}
