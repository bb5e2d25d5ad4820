package dev.webhooks.sample.crash;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample as shipped, its own file database included, killed with SIGKILL in the middle of a stream of events
 * accepted through its API and started again on the same database: every accepted event reaches the receiver at
 * least once. The jar runs as a separate process in a working directory of its own (its database is
 * {@code ./data/sample} there), with its endpoint pointed at a receiver in this JVM; nothing else is changed.
 * Duplicates are counted and printed, since at-least-once allows them. docs/reliability.md has the figures.
 */
class SampleCrashTests {

	/** The events of the stream; the figure is for 10,000 (docs/reliability.md), the build's default half. */
	private static final int EVENTS = Integer.getInteger("crash.events", 5_000);

	private static final int CLIENTS = 4;

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@TempDir
	Path workingDirectory;

	@Test
	void everyEventAcceptedBeforeASigkillReachesTheReceiverAfterTheRestart() throws Exception {
		try (RecordingReceiver receiver = new RecordingReceiver()) {
			Set<String> accepted = ConcurrentHashMap.newKeySet();
			SampleProcess sample = SampleProcess.start(this.workingDirectory, receiver.url(), "first");

			// given a stream of migrations created through the API, killed with SIGKILL half way
			Stream first = stream(sample, accepted, EVENTS);
			await().atMost(Duration.ofMinutes(3)).until(() -> accepted.size() >= EVENTS / 2);
			int exit = sample.kill();
			first.awaitEnd();
			int acceptedBeforeKill = accepted.size();
			int deliveredBeforeKill = receiver.distinctMigrations();

			// when the sample starts again on the same database and the stream goes on
			SampleProcess second = SampleProcess.start(this.workingDirectory, receiver.url(), "second");
			try {
				stream(second, accepted, EVENTS).awaitEnd();

				// then every accepted migration's migration.created reaches the receiver, duplicates allowed
				await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
					.until(() -> receiver.missing(accepted).isEmpty());
			}
			finally {
				second.stop();
				System.out.printf("SampleCrashTests: %d events accepted, %d of them before the SIGKILL (%d delivered "
						+ "by then); after the restart %d of them reached the receiver (%d missing), plus %d committed "
						+ "without an answer; %d deliveries in all, %d of them duplicates%n", accepted.size(),
						acceptedBeforeKill, deliveredBeforeKill, accepted.size() - receiver.missing(accepted).size(),
						receiver.missing(accepted).size(), receiver.extra(accepted), receiver.deliveries(),
						receiver.duplicates());
			}
			assertThat(exit).as("exit status of SIGKILL").isEqualTo(128 + 9);
			assertThat(acceptedBeforeKill).isLessThan(EVENTS);
			assertThat(sample.log()).contains("Set the write delay of the H2 database");
		}
	}

	/** Clients creating migrations until {@code total} are accepted or the sample stops answering. */
	private Stream stream(SampleProcess sample, Set<String> accepted, int total) {
		ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
		AtomicBoolean broken = new AtomicBoolean();
		for (int c = 0; c < CLIENTS; c++) {
			clients.execute(() -> {
				while (!broken.get() && accepted.size() < total) {
					try {
						accepted.add(create(sample));
					}
					catch (IOException ex) {
						// killed: a request in flight may or may not have committed, and is not counted as accepted
						broken.set(true);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						return;
					}
				}
			});
		}
		clients.shutdown();
		return new Stream(clients);
	}

	private String create(SampleProcess sample) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(sample.baseUrl() + "/migrations"))
			.header("Content-Type", "application/json")
			// the sample's demo user of tenant acme, whose endpoints the migration's events go to
			.header("Authorization", "Basic " + Base64.getEncoder().encodeToString("alice:alice".getBytes()))
			.timeout(Duration.ofSeconds(30))
			.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Crash test export\"}"))
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 201) {
			throw new IOException("POST /migrations answered " + response.statusCode() + ": " + response.body());
		}
		return json.readTree(response.body()).get("id").stringValue();
	}

	private record Stream(ExecutorService clients) {

		void awaitEnd() throws InterruptedException {
			assertThat(this.clients.awaitTermination(5, TimeUnit.MINUTES)).as("stream ended").isTrue();
		}

	}

	static String read(Path file) {
		try {
			return Files.exists(file) ? Files.readString(file) : "";
		}
		catch (IOException ex) {
			return "";
		}
	}

}
