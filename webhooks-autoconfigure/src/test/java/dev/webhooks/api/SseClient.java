package dev.webhooks.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * A client of the live stream over real HTTP (the JDK's HttpClient): reads the event stream on a thread of its own
 * and parses each event (name, id, data) and comment, as a browser's EventSource would.
 */
final class SseClient implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final List<Event> events = new CopyOnWriteArrayList<>();

	private final List<String> comments = new CopyOnWriteArrayList<>();

	private final HttpResponse<InputStream> response;

	private final Thread reader;

	private SseClient(HttpResponse<InputStream> response) {
		this.response = response;
		this.reader = new Thread(this::read, "sse-client");
		this.reader.setDaemon(true);
		this.reader.start();
	}

	/**
	 * Open a stream.
	 * @param uri the stream's URI
	 * @param user the tenant (HTTP Basic), or {@code null}
	 * @param lastEventId the Last-Event-ID header, or {@code null}
	 * @return the client, reading
	 */
	static SseClient open(String uri, String user, String lastEventId) {
		return open(uri, user, lastEventId, null);
	}

	/**
	 * Open a stream with a cookie.
	 * @param uri the stream's URI
	 * @param user the tenant (HTTP Basic), or {@code null}
	 * @param lastEventId the Last-Event-ID header, or {@code null}
	 * @param cookie the Cookie header, or {@code null}
	 * @return the client, reading
	 */
	static SseClient open(String uri, String user, String lastEventId, String cookie) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).header("Accept", "text/event-stream");
		if (user != null) {
			String credentials = user + ":" + ApiTestApplication.PASSWORD;
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
		}
		if (cookie != null) {
			request.header("Cookie", cookie);
		}
		if (lastEventId != null) {
			request.header("Last-Event-ID", lastEventId);
		}
		try {
			return new SseClient(HttpClient.newHttpClient().send(request.build(),
					HttpResponse.BodyHandlers.ofInputStream()));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	int status() {
		return this.response.statusCode();
	}

	String contentType() {
		return this.response.headers().firstValue("content-type").orElse("");
	}

	List<Event> events() {
		return new ArrayList<>(this.events);
	}

	List<Event> deliveries() {
		return this.events.stream().filter((event) -> "delivery".equals(event.name())).toList();
	}

	List<String> comments() {
		return new ArrayList<>(this.comments);
	}

	/** Wait for a delivery event that matches. */
	Event awaitDelivery(Predicate<JsonNode> matching) {
		return await().atMost(WAIT).until(() -> deliveries().stream()
			.filter((event) -> matching.test(event.json()))
			.findFirst()
			.orElse(null), (event) -> event != null);
	}

	private void read() {
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(this.response.body(), StandardCharsets.UTF_8))) {
			String name = null;
			String id = null;
			StringBuilder data = new StringBuilder();
			String line;
			while ((line = lines.readLine()) != null) {
				if (line.isEmpty()) {
					if (data.length() > 0 || id != null) {
						this.events.add(new Event((name != null) ? name : "message", id, data.toString()));
					}
					name = null;
					id = null;
					data.setLength(0);
				}
				else if (line.startsWith(":")) {
					this.comments.add(line.substring(1).trim());
				}
				else if (line.startsWith("event:")) {
					name = line.substring(6).trim();
				}
				else if (line.startsWith("id:")) {
					id = line.substring(3).trim();
				}
				else if (line.startsWith("data:")) {
					data.append((data.length() > 0) ? "\n" : "").append(line.substring(5).replaceFirst("^ ", ""));
				}
			}
		}
		catch (IOException ex) {
			// closed by the test, or by the server
		}
	}

	@Override
	public void close() {
		try {
			this.response.body().close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

	record Event(String name, String id, String data) {

		JsonNode json() {
			return JSON.readTree(this.data);
		}

	}

}
