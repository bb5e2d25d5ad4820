package dev.webhooks.endpoint;

import java.time.Duration;

/**
 * Lets tests in other packages shorten how long a limited create waits for its tenant's turn
 * ({@link TenantTurns}), so that seeing the wait run out takes less than its 10 seconds.
 */
public final class TenantTurnWaits {

	private TenantTurnWaits() {
	}

	/**
	 * Make the creates of the service wait at most this long for their tenant's turn.
	 * @param endpoints the service
	 * @param wait the longest wait
	 */
	public static void shorten(WebhookEndpoints endpoints, Duration wait) {
		endpoints.setTenantTurnWait(wait);
	}

	/**
	 * Give the service its usual wait back.
	 * @param endpoints the service
	 */
	public static void restore(WebhookEndpoints endpoints) {
		endpoints.setTenantTurnWait(TenantTurns.WAIT);
	}

}
