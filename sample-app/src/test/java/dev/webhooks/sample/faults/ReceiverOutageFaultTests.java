package dev.webhooks.sample.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.webhooks.delivery.ScheduleRetryPolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The receiver refuses connections for 60 seconds (its server socket closed, then opened again on the same port)
 * while events are accepted through the sample's API: every event is delivered at the first attempt of its retry
 * schedule that falls after the receiver came back, and none is dead. The sample runs as shipped, so on the
 * starter's default schedule (attempts 0 s, 5 s, 15 s, 30 s, 50 s and 80 s after the first: an event whose first
 * attempt falls in the outage still has an attempt after it).
 */
class ReceiverOutageFaultTests {

	private static final int EVENTS = Integer.getInteger("outage.events", 1_000);

	private static final Duration OUTAGE = Duration.ofSeconds(60);

	/** How late an attempt may arrive after its scheduled time on a loaded machine (poll interval, queueing). */
	private static final Duration LATENESS = Duration.ofSeconds(30);

	private final MigrationsClient client = new MigrationsClient();

	@TempDir
	Path workingDirectory;

	@Test
	void everyEventIsDeliveredOnScheduleAfterA60SecondOutageAndNoneIsDead() throws Exception {
		Set<String> accepted = ConcurrentHashMap.newKeySet();
		Instant reopenedAt;
		Instant allDeliveredAt;
		try (RecordingReceiver receiver = new RecordingReceiver()) {
			SampleProcess sample = SampleProcess.start(this.workingDirectory, receiver.url(), "sample");
			try {
				// given a receiver that refuses connections while events are accepted
				receiver.refuseConnections();
				Instant refusedAt = Instant.now();
				this.client.stream(sample.baseUrl(), 4, accepted, EVENTS).awaitEnd();
				Duration left = OUTAGE.minus(Duration.between(refusedAt, Instant.now()));
				if (!left.isNegative()) {
					Thread.sleep(left.toMillis());
				}
				assertThat(receiver.deliveries()).as("deliveries during the outage").isZero();

				// when it accepts connections again, on the same port
				receiver.acceptConnections();
				reopenedAt = Instant.now();

				// then every accepted event arrives
				await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500))
					.until(() -> receiver.missing(accepted).isEmpty());
				allDeliveredAt = Instant.now();

				// each at the first attempt of its schedule after the receiver came back, give or take the lateness
				List<String> late = new ArrayList<>();
				for (String id : accepted) {
					Instant due = firstAttemptAtOrAfter(this.client.acceptedAt(id), reopenedAt);
					assertThat(due).as("an attempt of %s's schedule after the outage", id).isNotNull();
					if (receiver.firstDelivered(id).isAfter(due.plus(LATENESS))) {
						late.add(id + " (due " + due + ", arrived " + receiver.firstDelivered(id) + ")");
					}
				}
				assertThat(late).as("deliveries later than their schedule").isEmpty();
			}
			finally {
				sample.stop();
			}
			DeliveryStates states = DeliveryStates.read(SampleH2Database.connect(this.workingDirectory));
			System.out.printf("ReceiverOutageFaultTests: %d events accepted during a %d s outage; %d delivered, "
					+ "%d duplicates; the last arrived %d s after the receiver came back; deliveries by status %s, "
					+ "by attempts %s%n", accepted.size(), OUTAGE.toSeconds(), accepted.size()
							- receiver.missing(accepted).size(), receiver.duplicates(),
					Duration.between(reopenedAt, allDeliveredAt).toSeconds(), states.byStatus(), states.byAttempts());
			assertThat(states.count("DEAD")).as("dead deliveries").isZero();
			assertThat(states.count("SUCCEEDED")).isGreaterThanOrEqualTo(accepted.size());
		}
	}

	/** The first attempt of the default schedule, counted from an event's acceptance, at or after an instant. */
	private static Instant firstAttemptAtOrAfter(Instant accepted, Instant instant) {
		// the schedule lists each attempt's time since the first, which is made when the event is accepted
		for (Duration sinceFirst : ScheduleRetryPolicy.DEFAULT_SCHEDULE) {
			Instant attempt = accepted.plus(sinceFirst);
			if (!attempt.isBefore(instant)) {
				return attempt;
			}
		}
		return null;
	}

}
