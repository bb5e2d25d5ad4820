package dev.webhooks.api;

import java.time.Duration;

/**
 * The settings of the live delivery stream ({@code GET {base}/stream}).
 *
 * @param heartbeat how often an idle stream gets a comment, which finds clients that have gone
 * @param pollInterval how often the store is read for changes while streams are open
 * @param lookback how far back each read looks again, for changes committed late or by an instance whose clock
 * differs; a change committed later than this after it was made reaches a stream only with its next attempt
 * @param maxPerTenant most open streams of one tenant
 * @param maxTotal most open streams on this instance
 * @param maxDuration how long one stream stays open before it ends and the client reconnects
 * @param batchLimit most deliveries read per kind of change per read, and sent on resume
 */
public record StreamSettings(Duration heartbeat, Duration pollInterval, Duration lookback, int maxPerTenant,
		int maxTotal, Duration maxDuration, int batchLimit) {

	public StreamSettings {
		if (heartbeat.isNegative() || heartbeat.isZero() || pollInterval.isNegative() || pollInterval.isZero()) {
			throw new IllegalArgumentException("heartbeat and poll-interval must be positive");
		}
		if (lookback.isNegative() || maxDuration.isNegative() || maxDuration.isZero()) {
			throw new IllegalArgumentException("lookback must not be negative and max-duration must be positive");
		}
		if (maxPerTenant < 1 || maxTotal < 1 || batchLimit < 1) {
			throw new IllegalArgumentException("max-per-tenant, max-total and batch-limit must be at least 1");
		}
	}

}
