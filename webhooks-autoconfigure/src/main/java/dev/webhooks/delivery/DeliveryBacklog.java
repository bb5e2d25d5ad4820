package dev.webhooks.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The pending and dead delivery counts, read from the repository at most once per refresh interval, so metric
 * scrapes and health probes do not each run a count query.
 */
public class DeliveryBacklog {

	private final DeliveryRepository repository;

	private final Duration refreshInterval;

	private final Clock clock;

	private Counts counts;

	/**
	 * Create a backlog view.
	 * @param repository where the counts come from
	 * @param refreshInterval how long counts are reused
	 * @param clock the clock
	 */
	public DeliveryBacklog(DeliveryRepository repository, Duration refreshInterval, Clock clock) {
		this.repository = repository;
		this.refreshInterval = refreshInterval;
		this.clock = clock;
	}

	/**
	 * The pending and dead counts, at most one refresh interval old.
	 * @return the counts
	 */
	public synchronized Counts counts() {
		Instant now = this.clock.instant();
		if (this.counts == null || !now.isBefore(this.counts.readAt().plus(this.refreshInterval))) {
			this.counts = new Counts(this.repository.countPending(), this.repository.countDead(), now);
		}
		return this.counts;
	}

	/**
	 * The pending count, for a gauge.
	 * @return the backlog
	 */
	public double pending() {
		return counts().pending();
	}

	/**
	 * The dead count, for a gauge.
	 * @return the dead deliveries
	 */
	public double dead() {
		return counts().dead();
	}

	/**
	 * Counts read at one time.
	 *
	 * @param pending deliveries pending
	 * @param dead deliveries dead
	 * @param readAt when they were read
	 */
	public record Counts(long pending, long dead, Instant readAt) {
	}

}
