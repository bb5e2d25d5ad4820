package dev.webhooks.autoconfigure;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;

/**
 * The clock the publisher, the store and the delivery engine read time from: the application's {@link Clock}
 * bean when it has exactly one, so a test can move time forward and see retries fall due and rotated secrets
 * expire without waiting; else the system clock. They must share it: a lease or a due time written with one
 * clock and compared with another would be wrong.
 */
final class ApplicationClock {

	private ApplicationClock() {
	}

	static Clock of(ObjectProvider<Clock> clock) {
		return clock.getIfUnique(Clock::systemUTC);
	}

}
