package dev.webhooks.delivery;

import java.time.Duration;
import java.util.Optional;

import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * A {@link RetryPolicy} whose delays grow exponentially: the first retry after the initial delay, each next one
 * after the previous delay times the multiplier, capped at the maximum delay, with an optional random jitter.
 * The arithmetic is Spring Framework's {@link ExponentialBackOff}, replayed from the start for each delivery so
 * no state is kept between attempts (the attempt count is in the database).
 */
public final class ExponentialRetryPolicy implements RetryPolicy {

	private final ExponentialBackOff backOff;

	private final int maxAttempts;

	/**
	 * Create a policy.
	 * @param initialDelay the delay before the first retry
	 * @param multiplier what each delay is multiplied by for the next one, at least 1
	 * @param maxDelay the longest delay
	 * @param maxAttempts the most attempts in all, the first included, at least 1
	 * @param jitter the largest random deviation added to or taken from each delay, or zero
	 * @throws IllegalArgumentException for settings that make no schedule
	 */
	public ExponentialRetryPolicy(Duration initialDelay, double multiplier, Duration maxDelay, int maxAttempts,
			Duration jitter) {
		check(!initialDelay.isNegative(), "The initial retry delay may not be negative");
		check(multiplier >= 1.0, "The retry multiplier must be at least 1, not " + multiplier);
		check(maxDelay.compareTo(initialDelay) >= 0, "The maximum retry delay (" + maxDelay
				+ ") must not be shorter than the initial delay (" + initialDelay + ")");
		check(maxAttempts >= 1, "A delivery needs at least 1 attempt, not " + maxAttempts);
		check(!jitter.isNegative(), "The retry jitter may not be negative");
		check(jitter.isZero() || !initialDelay.isZero(), "A retry jitter needs an initial delay above zero");
		ExponentialBackOff backOff = new ExponentialBackOff(initialDelay.toMillis(), multiplier);
		backOff.setMaxInterval(maxDelay.toMillis());
		backOff.setJitter(jitter.toMillis());
		backOff.setMaxAttempts(maxAttempts - 1);
		backOff.setMaxElapsedTime(Long.MAX_VALUE);
		this.backOff = backOff;
		this.maxAttempts = maxAttempts;
	}

	private static void check(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException(message);
		}
	}

	@Override
	public Optional<Duration> delayAfter(int attemptsMade) {
		if (attemptsMade < 1 || attemptsMade >= this.maxAttempts) {
			return Optional.empty();
		}
		BackOffExecution execution = this.backOff.start();
		long delay = BackOffExecution.STOP;
		for (int i = 0; i < attemptsMade; i++) {
			delay = execution.nextBackOff();
		}
		return (delay == BackOffExecution.STOP) ? Optional.empty() : Optional.of(Duration.ofMillis(delay));
	}

	@Override
	public int maxAttempts() {
		return this.maxAttempts;
	}

	@Override
	public String toString() {
		return "ExponentialRetryPolicy[" + this.backOff + "]";
	}

}
