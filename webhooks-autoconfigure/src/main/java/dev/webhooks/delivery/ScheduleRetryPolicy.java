package dev.webhooks.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A {@link RetryPolicy} from a fixed schedule that lists, for each attempt, its time since the first attempt:
 * the default {@code 0s, 5s, 15s, 30s, 50s, 80s} (reference/002) makes six attempts over about 80 seconds, the
 * first at once and the next ones 5, 10, 15, 20 and 30 seconds after the one before.
 */
public final class ScheduleRetryPolicy implements RetryPolicy {

	/** The default schedule: six attempts over about 80 seconds. */
	public static final List<Duration> DEFAULT_SCHEDULE = List.of(Duration.ZERO, Duration.ofSeconds(5),
			Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofSeconds(50), Duration.ofSeconds(80));

	private final List<Duration> schedule;

	/**
	 * Create a policy from a schedule.
	 * @param schedule each attempt's time since the first attempt, not empty, never decreasing
	 * @throws IllegalArgumentException when the schedule is empty, negative or decreasing
	 */
	public ScheduleRetryPolicy(List<Duration> schedule) {
		if (schedule == null || schedule.isEmpty()) {
			throw new IllegalArgumentException("The retry schedule needs at least one entry (the first attempt)");
		}
		Duration previous = Duration.ZERO;
		for (int i = 0; i < schedule.size(); i++) {
			Duration entry = schedule.get(i);
			if (entry == null || entry.isNegative()) {
				throw new IllegalArgumentException("Retry schedule entry " + (i + 1) + " is negative or missing");
			}
			if (entry.compareTo(previous) < 0) {
				throw new IllegalArgumentException("The retry schedule lists each attempt's time since the first "
						+ "attempt, so it may not decrease, but entry " + (i + 1) + " (" + entry
						+ ") comes before entry " + i + " (" + previous + ")");
			}
			previous = entry;
		}
		this.schedule = List.copyOf(schedule);
	}

	/**
	 * The default policy, {@link #DEFAULT_SCHEDULE}.
	 * @return the policy
	 */
	public static ScheduleRetryPolicy withDefaults() {
		return new ScheduleRetryPolicy(DEFAULT_SCHEDULE);
	}

	@Override
	public Optional<Duration> delayAfter(int attemptsMade) {
		if (attemptsMade < 1 || attemptsMade >= this.schedule.size()) {
			return Optional.empty();
		}
		return Optional.of(this.schedule.get(attemptsMade).minus(this.schedule.get(attemptsMade - 1)));
	}

	@Override
	public int maxAttempts() {
		return this.schedule.size();
	}

	/**
	 * The schedule this policy follows.
	 * @return each attempt's time since the first attempt
	 */
	public List<Duration> schedule() {
		return this.schedule;
	}

	@Override
	public String toString() {
		return "ScheduleRetryPolicy" + this.schedule;
	}

}
