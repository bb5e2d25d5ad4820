package dev.webhooks.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The schedule and exponential retry policies.
 */
class RetryPolicyTests {

	@Test
	void defaultScheduleMakesSixAttemptsOverEightySeconds() {
		ScheduleRetryPolicy policy = ScheduleRetryPolicy.withDefaults();
		assertThat(policy.maxAttempts()).isEqualTo(6);
		assertThat(policy.delayAfter(1)).contains(Duration.ofSeconds(5));
		assertThat(policy.delayAfter(2)).contains(Duration.ofSeconds(10));
		assertThat(policy.delayAfter(3)).contains(Duration.ofSeconds(15));
		assertThat(policy.delayAfter(4)).contains(Duration.ofSeconds(20));
		assertThat(policy.delayAfter(5)).contains(Duration.ofSeconds(30));
		assertThat(policy.delayAfter(6)).isEmpty();
		Duration total = Duration.ZERO;
		for (int attempt = 1; attempt < policy.maxAttempts(); attempt++) {
			total = total.plus(policy.delayAfter(attempt).orElseThrow());
		}
		assertThat(total).isEqualTo(Duration.ofSeconds(80));
	}

	@Test
	void singleEntryScheduleMeansNoRetry() {
		assertThat(new ScheduleRetryPolicy(List.of(Duration.ZERO)).delayAfter(1)).isEmpty();
	}

	@Test
	void scheduleRefusesEmptyNegativeAndDecreasingEntries() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ScheduleRetryPolicy(List.of()));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ScheduleRetryPolicy(List.of(Duration.ZERO, Duration.ofSeconds(-1))));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ScheduleRetryPolicy(List.of(Duration.ofSeconds(5), Duration.ofSeconds(1))))
			.withMessageContaining("may not decrease");
	}

	@Test
	void exponentialDelaysGrowByTheMultiplierUpToTheMaximum() {
		ExponentialRetryPolicy policy = new ExponentialRetryPolicy(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(5),
				6, Duration.ZERO);
		assertThat(policy.maxAttempts()).isEqualTo(6);
		assertThat(policy.delayAfter(1)).contains(Duration.ofSeconds(1));
		assertThat(policy.delayAfter(2)).contains(Duration.ofSeconds(2));
		assertThat(policy.delayAfter(3)).contains(Duration.ofSeconds(4));
		assertThat(policy.delayAfter(4)).contains(Duration.ofSeconds(5));
		assertThat(policy.delayAfter(5)).contains(Duration.ofSeconds(5));
		assertThat(policy.delayAfter(6)).isEmpty();
	}

	@Test
	void exponentialJitterStaysWithinItsBounds() {
		ExponentialRetryPolicy policy = new ExponentialRetryPolicy(Duration.ofSeconds(1), 2.0,
				Duration.ofSeconds(60), 10, Duration.ofMillis(200));
		for (int i = 0; i < 200; i++) {
			Optional<Duration> first = policy.delayAfter(1);
			assertThat(first).hasValueSatisfying((delay) -> assertThat(delay).isBetween(Duration.ofSeconds(1),
					Duration.ofMillis(1200)));
			Optional<Duration> third = policy.delayAfter(3);
			assertThat(third).hasValueSatisfying((delay) -> assertThat(delay).isBetween(Duration.ofSeconds(1),
					Duration.ofSeconds(60)));
		}
	}

	@Test
	void exponentialRefusesSettingsThatMakeNoSchedule() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ExponentialRetryPolicy(Duration.ofSeconds(1), 0.5,
				Duration.ofSeconds(5), 3, Duration.ZERO));
		assertThatIllegalArgumentException().isThrownBy(() -> new ExponentialRetryPolicy(Duration.ofSeconds(10), 2,
				Duration.ofSeconds(5), 3, Duration.ZERO));
		assertThatIllegalArgumentException().isThrownBy(() -> new ExponentialRetryPolicy(Duration.ofSeconds(1), 2,
				Duration.ofSeconds(5), 0, Duration.ZERO));
		assertThatIllegalArgumentException().isThrownBy(() -> new ExponentialRetryPolicy(Duration.ZERO, 2,
				Duration.ofSeconds(5), 3, Duration.ofMillis(100)));
	}

}
