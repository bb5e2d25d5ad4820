package dev.webhooks.delivery;

import java.time.Duration;
import java.util.Optional;

/**
 * Decides when a delivery whose attempt failed with a retryable outcome is tried again, and when it is dead.
 * Retries are rows with a {@code next_attempt_at}, never sleeping threads: the policy only does the arithmetic.
 */
public interface RetryPolicy {

	/**
	 * The delay between the attempt just made and the next one.
	 * @param attemptsMade how many attempts were made, the one that just failed included (1 after the first)
	 * @return the delay, or empty when no attempt is left and the delivery is dead
	 */
	Optional<Duration> delayAfter(int attemptsMade);

	/**
	 * How many attempts a delivery gets in all, the first included.
	 * @return the most attempts
	 */
	int maxAttempts();

}
