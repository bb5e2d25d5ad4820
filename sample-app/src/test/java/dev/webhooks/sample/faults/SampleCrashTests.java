package dev.webhooks.sample.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample as shipped, its own file database included, killed with SIGKILL in the middle of a stream of events
 * accepted through its API and started again on the same database: every accepted event reaches the receiver at
 * least once. The jar runs as a separate process in a working directory of its own (its database is
 * {@code ./data/sample} there), with its endpoint pointed at a receiver in this JVM; nothing else is changed.
 * Duplicates are counted and printed, since at-least-once allows them. {@link PostgresSampleCrashFaultTests} runs
 * the same on PostgreSQL. docs/reliability.md has the figures.
 */
class SampleCrashTests {

	/** The events of the stream; the figure is for 10,000 (the faults profile), the build's default half. */
	static final int EVENTS = Integer.getInteger("crash.events", 5_000);

	private static final int CLIENTS = 4;

	private final MigrationsClient client = new MigrationsClient();

	@TempDir
	Path workingDirectory;

	/** The database arguments of both starts: none, so the sample's own default. */
	List<String> databaseArgs() {
		return List.of();
	}

	/** What the first start must show about its database. */
	void assertDatabaseSetUp(SampleProcess first) throws Exception {
		assertThat(first.log()).contains("Set the write delay of the H2 database");
	}

	String databaseName() {
		return "H2 (the sample's default, jdbc:h2:file:./data/sample)";
	}

	@Test
	void everyEventAcceptedBeforeASigkillReachesTheReceiverAfterTheRestart() throws Exception {
		try (RecordingReceiver receiver = new RecordingReceiver()) {
			Set<String> accepted = ConcurrentHashMap.newKeySet();
			SampleProcess sample = SampleProcess.start(this.workingDirectory, receiver.url(), "first", databaseArgs());

			// given a stream of migrations created through the API, killed with SIGKILL half way
			MigrationsClient.Stream first = this.client.stream(sample.baseUrl(), CLIENTS, accepted, EVENTS);
			await().atMost(Duration.ofMinutes(5)).until(() -> accepted.size() >= EVENTS / 2);
			int exit = sample.kill();
			first.awaitEnd();
			int acceptedBeforeKill = accepted.size();
			int deliveredBeforeKill = receiver.distinctMigrations();
			long killedAt = System.nanoTime();

			// when the sample starts again on the same database and the stream goes on
			SampleProcess second = SampleProcess.start(this.workingDirectory, receiver.url(), "second",
					databaseArgs());
			long recoveredAt = 0;
			try {
				this.client.stream(second.baseUrl(), CLIENTS, accepted, EVENTS).awaitEnd();

				// then every accepted migration's migration.created reaches the receiver, duplicates allowed
				await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
					.until(() -> receiver.missing(accepted).isEmpty());
				recoveredAt = System.nanoTime();
			}
			finally {
				second.stop();
				System.out.printf("%s on %s: %d events accepted, %d of them before the SIGKILL (%d delivered "
						+ "by then); after the restart %d of them reached the receiver (%d missing), plus %d committed "
						+ "without an answer; %d deliveries in all, %d of them duplicates; %d s from the SIGKILL until "
						+ "every accepted event had arrived%n", getClass().getSimpleName(), databaseName(),
						accepted.size(), acceptedBeforeKill, deliveredBeforeKill,
						accepted.size() - receiver.missing(accepted).size(), receiver.missing(accepted).size(),
						receiver.extra(accepted), receiver.deliveries(), receiver.duplicates(),
						(recoveredAt == 0) ? -1 : Duration.ofNanos(recoveredAt - killedAt).toSeconds());
			}
			assertThat(exit).as("exit status of SIGKILL").isEqualTo(128 + 9);
			assertThat(acceptedBeforeKill).isLessThan(EVENTS);
			assertDatabaseSetUp(sample);
		}
	}

}
