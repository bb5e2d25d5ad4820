package dev.webhooks.sample.faults;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL restarted in the middle of a stream of events accepted through the sample's API: a private cluster
 * ({@link PrivatePostgres}, never the shared server), stopped in immediate mode (connections cut, crash recovery at
 * the next start) and started again 10 seconds later on the same port. No accepted event is lost; the requests made
 * while it is down fail within the pool's connection timeout ({@code spring.datasource.hikari.connection-timeout},
 * 3 s here) with an exception that names the JDBC connection, rather than hanging; and the same sample process,
 * not restarted, accepts and delivers again once the database is back.
 */
class DatabaseRestartFaultTests {

	private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(3);

	private static final Duration DOWN = Duration.ofSeconds(10);

	/** A failed request may take the connection timeout and this much more on a loaded machine. */
	private static final Duration FAILURE_SLACK = Duration.ofSeconds(10);

	private static final int CLIENTS = 4;

	private final MigrationsClient client = new MigrationsClient();

	@TempDir
	Path workingDirectory;

	@Test
	void noAcceptedEventIsLostPublishFailsFastWhileDownAndTheEngineRecoversWithoutARestart() throws Exception {
		try (PrivatePostgres postgres = PrivatePostgres.start(); RecordingReceiver receiver = new RecordingReceiver()) {
			SampleProcess sample = SampleProcess.start(this.workingDirectory, receiver.url(), "sample",
					List.of("--spring.datasource.url=" + postgres.url(), "--spring.datasource.username=postgres",
							"--spring.datasource.hikari.connection-timeout=" + CONNECTION_TIMEOUT.toMillis()));
			Set<String> accepted = ConcurrentHashMap.newKeySet();
			Clients clients = new Clients(sample.baseUrl(), accepted);
			Instant restartedAt;
			Instant firstAcceptedAfter;
			try {
				// given a stream of events accepted through the API
				await().atMost(Duration.ofMinutes(2)).until(() -> accepted.size() >= 500);

				// when PostgreSQL goes down for 10 s and comes back
				postgres.stopImmediately();
				Instant stoppedAt = Instant.now();
				int acceptedWhenStopped = accepted.size();
				Thread.sleep(DOWN.toMillis());
				int failuresWhileDown = clients.failures.get();
				postgres.startAgain();
				restartedAt = Instant.now();
				int acceptedBefore = accepted.size();
				await().atMost(Duration.ofMinutes(2)).until(() -> accepted.size() > acceptedBefore + 100);
				firstAcceptedAfter = clients.firstAcceptedAfter(restartedAt);
				clients.stop();

				// then every accepted event reaches the receiver, from the same process
				await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500))
					.until(() -> receiver.missing(accepted).isEmpty());
				Instant allDeliveredAt = Instant.now();
				assertThat(sample.isAlive()).as("the sample was not restarted").isTrue();
				System.out.printf("DatabaseRestartFaultTests: %d events accepted (%d before the stop, %d after the "
						+ "restart); %d requests failed while the database was down (the slowest failure took %d ms, "
						+ "the connection timeout is %d ms); first event accepted %d ms after the restart; all "
						+ "delivered %d s after it, %d deliveries, %d duplicates%n", accepted.size(),
						acceptedWhenStopped, accepted.size() - acceptedBefore, clients.failures.get(),
						clients.slowestFailureMillis.get(), CONNECTION_TIMEOUT.toMillis(),
						Duration.between(restartedAt, firstAcceptedAfter).toMillis(),
						Duration.between(restartedAt, allDeliveredAt).toSeconds(), receiver.deliveries(),
						receiver.duplicates());
				assertThat(failuresWhileDown).as("requests that failed while the database was down").isPositive();
				assertThat(Duration.ofMillis(clients.slowestFailureMillis.get()))
					.as("the slowest failed request (stopped at %s)", stoppedAt)
					.isLessThan(CONNECTION_TIMEOUT.plus(FAILURE_SLACK));
				assertThat(sample.log()).contains("Could not open JDBC Connection");
			}
			finally {
				clients.stop();
				sample.stop();
			}
		}
	}

	/** Clients creating migrations without pause, through failures, timing each failed request. */
	private final class Clients {

		private final ExecutorService executor = Executors.newFixedThreadPool(CLIENTS);

		private final AtomicBoolean stopped = new AtomicBoolean();

		private final AtomicInteger failures = new AtomicInteger();

		private final AtomicLong slowestFailureMillis = new AtomicLong();

		private final Set<Instant> acceptedTimes = ConcurrentHashMap.newKeySet();

		Clients(String baseUrl, Set<String> accepted) {
			for (int c = 0; c < CLIENTS; c++) {
				this.executor.execute(() -> {
					while (!this.stopped.get()) {
						long start = System.nanoTime();
						try {
							accepted.add(DatabaseRestartFaultTests.this.client.create(baseUrl));
							this.acceptedTimes.add(Instant.now());
						}
						catch (IOException ex) {
							// not accepted: the database is down (the API answers 500), so not counted
							this.failures.incrementAndGet();
							this.slowestFailureMillis.accumulateAndGet(
									Duration.ofNanos(System.nanoTime() - start).toMillis(), Math::max);
							pause();
						}
						catch (InterruptedException ex) {
							Thread.currentThread().interrupt();
							return;
						}
					}
				});
			}
			this.executor.shutdown();
		}

		Instant firstAcceptedAfter(Instant instant) {
			return this.acceptedTimes.stream().filter((time) -> time.isAfter(instant)).min(Instant::compareTo)
				.orElseThrow();
		}

		void stop() throws InterruptedException {
			this.stopped.set(true);
			assertThat(this.executor.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
		}

		private void pause() {
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
