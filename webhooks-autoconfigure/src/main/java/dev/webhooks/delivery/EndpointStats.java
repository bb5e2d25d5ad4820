package dev.webhooks.delivery;

import java.time.Instant;

/**
 * How deliveries to one endpoint went in a window.
 *
 * @param since the start of the window
 * @param attempts attempts of the deliveries created in the window
 * @param successfulAttempts of those, the ones answered with a 2xx (one per succeeded delivery)
 * @param backlog pending deliveries, of any age
 * @param lastSuccessAt when the newest successful delivery ended, or {@code null}
 * @param lastFailureAt when the newest failed or dead delivery ended, or {@code null}
 * @param lastFailureStatusCode that delivery's last response status, or {@code null}
 */
public record EndpointStats(Instant since, long attempts, long successfulAttempts, long backlog,
		Instant lastSuccessAt, Instant lastFailureAt, Integer lastFailureStatusCode) {

	/**
	 * The share of attempts answered with a 2xx.
	 * @return between 0 and 1, or {@code null} without attempts
	 */
	public Double successRate() {
		return (this.attempts > 0) ? (double) this.successfulAttempts / this.attempts : null;
	}

}
