package dev.webhooks.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Decides before each attempt whether a rate-limited endpoint may get a request now, and if not, when the delivery
 * should be tried instead. Permits come from the {@link EndpointRateLimiter} the instances share. The deliveries
 * this instance has to put off are spread over the following slots (one interval apart) rather than all given the
 * same time, so that they do not all fall due at once and are put off again together.
 */
final class RateLimitGate {

	private static final Log logger = LogFactory.getLog(RateLimitGate.class);

	private final EndpointRateLimiter limiter;

	private final EndpointDeliveryControls controls;

	/** The latest time this instance gave a put-off delivery of each endpoint. */
	private final Map<String, Instant> putOffUntil = new ConcurrentHashMap<>();

	RateLimitGate(EndpointRateLimiter limiter, EndpointDeliveryControls controls) {
		this.limiter = limiter;
		this.controls = controls;
	}

	/**
	 * Take a permit for a request to the endpoint now.
	 * @param endpointId the endpoint
	 * @param now the current time
	 * @return {@code null} to send now, otherwise when to try again
	 */
	Instant putOff(String endpointId, Instant now) {
		Integer perSecond = this.controls.rateLimitOf(endpointId);
		if (perSecond == null || perSecond < 1) {
			return null;
		}
		Duration interval = Duration.ofNanos(1_000_000_000L / perSecond);
		Instant notBefore;
		try {
			notBefore = this.limiter.tryAcquire(endpointId, perSecond, now);
		}
		catch (RuntimeException ex) {
			// never send above the limit because the limiter could not be asked; the delivery waits instead
			logger.warn("Could not take a rate-limit permit for webhook endpoint " + endpointId
					+ "; the delivery is tried again later", ex);
			notBefore = now.plus(interval);
		}
		if (notBefore == null) {
			return null;
		}
		Instant slot = notBefore;
		return this.putOffUntil.compute(endpointId,
				(id, last) -> (last == null || !last.plus(interval).isAfter(slot)) ? slot : last.plus(interval));
	}

}
