package dev.webhooks.sample.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of the sample (separate JVMs) on one PostgreSQL schema, each accepting events through its own API
 * and delivering to the same receiver. In normal operation each event is delivered exactly once. Then one of them
 * is killed with SIGKILL while it still has deliveries queued and in flight (the receiver holds each request for a
 * second): every event it accepted is delivered at least once, the ones it had not sent by the survivor, and not
 * before their lease ({@code webhooks.delivery.lease}, 60 s by default) ran out.
 */
class TwoInstancesFaultTests {

	private static final int NORMAL_EVENTS_PER_INSTANCE = 500;

	private static final int KILL_EVENTS_PER_INSTANCE = 200;

	/** The sample's lease, the starter's default. */
	private static final Duration LEASE = Duration.ofSeconds(60);

	/** Clock and scheduling slack when comparing an arrival with a lease's end. */
	private static final Duration SLACK = Duration.ofSeconds(5);

	private final MigrationsClient client = new MigrationsClient();

	private PostgresSchema schema;

	@TempDir
	Path workingDirectory;

	@BeforeEach
	void createSchema() {
		this.schema = PostgresSchema.create();
	}

	@AfterEach
	void dropSchema() {
		this.schema.close();
	}

	@Test
	void eachEventIsDeliveredOnceAndTheSurvivorTakesOverTheKilledInstancesLeasedDeliveries() throws Exception {
		try (RecordingReceiver receiver = new RecordingReceiver()) {
			Files.createDirectories(this.workingDirectory.resolve("a"));
			Files.createDirectories(this.workingDirectory.resolve("b"));
			SampleProcess a = SampleProcess.start(this.workingDirectory.resolve("a"), receiver.url(), "a",
					this.schema.sampleArgs());
			SampleProcess b = SampleProcess.start(this.workingDirectory.resolve("b"), receiver.url(), "b",
					this.schema.sampleArgs());
			try {
				// given two instances accepting events at the same time
				Set<String> normalA = ConcurrentHashMap.newKeySet();
				Set<String> normalB = ConcurrentHashMap.newKeySet();
				MigrationsClient.Stream streamA = this.client.stream(a.baseUrl(), 2, normalA, NORMAL_EVENTS_PER_INSTANCE);
				MigrationsClient.Stream streamB = this.client.stream(b.baseUrl(), 2, normalB, NORMAL_EVENTS_PER_INSTANCE);
				streamA.awaitEnd();
				streamB.awaitEnd();
				Set<String> normal = union(normalA, normalB);

				// then each is delivered exactly once
				await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
					.until(() -> receiver.missing(normal).isEmpty());
				assertThat(receiver.duplicates()).as("duplicates in normal operation").isZero();
				int normalDeliveries = receiver.deliveries();
				System.out.printf("TwoInstancesFaultTests, normal operation: %d events accepted (%d by each), %d "
						+ "deliveries, %d duplicates%n", normal.size(), NORMAL_EVENTS_PER_INSTANCE, normalDeliveries,
						receiver.duplicates());

				// when a slow receiver keeps deliveries queued and in flight, and instance a is killed
				receiver.hold(Duration.ofSeconds(1));
				Set<String> killA = ConcurrentHashMap.newKeySet();
				Set<String> killB = ConcurrentHashMap.newKeySet();
				MigrationsClient.Stream second = this.client.stream(b.baseUrl(), 2, killB, KILL_EVENTS_PER_INSTANCE);
				this.client.stream(a.baseUrl(), 2, killA, KILL_EVENTS_PER_INSTANCE).awaitEnd();
				int exit = a.kill();
				Instant killedAt = Instant.now();
				Set<String> arrivedBeforeKill = new HashSet<>();
				for (String id : killA) {
					if (receiver.firstDelivered(id) != null) {
						arrivedBeforeKill.add(id);
					}
				}
				Set<String> orphans = new HashSet<>(killA);
				orphans.removeAll(arrivedBeforeKill);
				second.awaitEnd();
				Set<String> afterKill = union(killA, killB);

				// then every event is delivered at least once, a's unsent ones by b once their lease ran out
				await().atMost(LEASE.plus(Duration.ofMinutes(3))).pollInterval(Duration.ofMillis(500))
					.until(() -> receiver.missing(afterKill).isEmpty());
				Instant allDeliveredAt = Instant.now();
				assertThat(exit).as("exit status of SIGKILL").isEqualTo(128 + 9);
				assertThat(orphans).as("events a accepted but had not sent when it was killed").isNotEmpty();
				List<String> early = new ArrayList<>();
				Instant firstOrphan = null;
				for (String id : orphans) {
					Instant arrived = receiver.firstDelivered(id);
					Instant leaseEnd = this.client.acceptedAt(id).plus(LEASE);
					if (arrived.isBefore(leaseEnd.minus(SLACK))) {
						early.add(id + " arrived " + arrived + ", its lease ended " + leaseEnd);
					}
					firstOrphan = (firstOrphan == null || arrived.isBefore(firstOrphan)) ? arrived : firstOrphan;
				}
				assertThat(early).as("deliveries taken over before their lease ended").isEmpty();
				System.out.printf("TwoInstancesFaultTests, one killed: %d events accepted (%d by the killed one, "
						+ "%d of which it had not sent); all delivered %d s after the SIGKILL (the first of its unsent "
						+ "ones by the survivor %d s after it); %d deliveries, %d duplicates in all%n",
						afterKill.size(), killA.size(), orphans.size(),
						Duration.between(killedAt, allDeliveredAt).toSeconds(),
						Duration.between(killedAt, firstOrphan).toSeconds(), receiver.deliveries() - normalDeliveries,
						receiver.duplicates());
			}
			finally {
				a.kill();
				b.stop();
			}
		}
	}

	private static Set<String> union(Set<String> first, Set<String> second) {
		Set<String> union = new HashSet<>(first);
		union.addAll(second);
		return union;
	}

}
