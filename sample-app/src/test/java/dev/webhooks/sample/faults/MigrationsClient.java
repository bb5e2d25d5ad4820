package dev.webhooks.sample.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Creates migrations through the sample's API ({@code POST /migrations}, as the demo user alice of tenant acme):
 * each one answered 201 is an accepted {@code migration.created} event, published in the request's transaction.
 */
final class MigrationsClient {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final Map<String, Instant> acceptedAt = new ConcurrentHashMap<>();

	/**
	 * Create one migration.
	 * @param baseUrl the sample's base URL
	 * @return the migration's id
	 * @throws IOException when the sample does not answer 201, or not at all
	 */
	String create(String baseUrl) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/migrations"))
			.header("Content-Type", "application/json")
			// the sample's demo user of tenant acme, whose endpoints the migration's events go to
			.header("Authorization", "Basic " + Base64.getEncoder().encodeToString("alice:alice".getBytes()))
			.timeout(Duration.ofSeconds(30))
			.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Fault test export\"}"))
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 201) {
			throw new IOException("POST /migrations answered " + response.statusCode() + ": " + response.body());
		}
		String id = json.readTree(response.body()).get("id").stringValue();
		this.acceptedAt.put(id, Instant.now());
		return id;
	}

	/**
	 * When the sample answered 201 for a migration this client created.
	 * @param id the migration's id
	 * @return the instant, or {@code null}
	 */
	Instant acceptedAt(String id) {
		return this.acceptedAt.get(id);
	}

	/**
	 * Clients creating migrations until {@code total} are accepted (counting those already in {@code accepted}) or
	 * the sample stops answering.
	 * @param baseUrl the sample's base URL
	 * @param clients the concurrent clients
	 * @param accepted where accepted ids go
	 * @param total how many to reach
	 * @return the running stream
	 */
	Stream stream(String baseUrl, int clients, Set<String> accepted, int total) {
		ExecutorService executor = Executors.newFixedThreadPool(clients);
		AtomicBoolean broken = new AtomicBoolean();
		AtomicInteger failures = new AtomicInteger();
		for (int c = 0; c < clients; c++) {
			executor.execute(() -> {
				while (!broken.get() && accepted.size() < total) {
					try {
						accepted.add(create(baseUrl));
					}
					catch (IOException ex) {
						// killed: a request in flight may or may not have committed, and is not counted as accepted
						failures.incrementAndGet();
						broken.set(true);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						return;
					}
				}
			});
		}
		executor.shutdown();
		return new Stream(executor, broken);
	}

	/** A running stream of creations. */
	record Stream(ExecutorService clients, AtomicBoolean broken) {

		void awaitEnd() throws InterruptedException {
			assertThat(this.clients.awaitTermination(5, TimeUnit.MINUTES)).as("stream ended").isTrue();
		}

		void stop() throws InterruptedException {
			this.broken.set(true);
			awaitEnd();
		}

	}

}
