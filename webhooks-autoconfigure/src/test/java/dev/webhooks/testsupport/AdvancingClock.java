package dev.webhooks.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system clock plus an offset that a test moves forward, so a retry due in hours falls due at once without
 * waiting, while time still passes between two moves as it would.
 */
public final class AdvancingClock extends Clock {

	private volatile Duration offset = Duration.ZERO;

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException("An advancing clock is in UTC");
	}

	@Override
	public Instant instant() {
		return Instant.now().plus(this.offset);
	}

	/**
	 * Move the clock forward to an instant, unless it is there already.
	 * @param target the instant
	 */
	public synchronized void advanceTo(Instant target) {
		Duration ahead = Duration.between(instant(), target);
		if (!ahead.isNegative()) {
			this.offset = this.offset.plus(ahead);
		}
	}

}
