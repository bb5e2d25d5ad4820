package dev.webhooks.delivery;

import java.time.Instant;

/**
 * Permits for requests to rate-limited endpoints, shared by every instance on one database: a generic cell rate
 * algorithm (GCRA) with no burst, so requests of an endpoint limited to {@code r} per second go out at least
 * {@code 1/r} apart, whichever instance sends them.
 */
@FunctionalInterface
public interface EndpointRateLimiter {

	/** A limiter that permits everything. */
	EndpointRateLimiter UNLIMITED = (endpointId, perSecond, now) -> null;

	/**
	 * Take a permit for one request now.
	 * @param endpointId the endpoint
	 * @param perSecond its limit, at least 1
	 * @param now the current time
	 * @return {@code null} when permitted, otherwise the earliest time the next request may go out
	 */
	Instant tryAcquire(String endpointId, int perSecond, Instant now);

}
