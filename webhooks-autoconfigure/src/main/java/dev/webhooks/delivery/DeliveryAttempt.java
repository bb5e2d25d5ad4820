package dev.webhooks.delivery;

import java.time.Duration;
import java.time.Instant;

/**
 * One HTTP attempt of a delivery, as recorded in the delivery log.
 *
 * @param deliveryId the delivery
 * @param attemptNumber 1 for the first attempt
 * @param startedAt when the request started
 * @param duration how long until the response or the error
 * @param statusCode the HTTP status, or {@code 0} when no response arrived
 * @param responseBody the start of the response body, cut at a small limit, or {@code null}
 * @param error what went wrong without a response (timeout, refused, guard), or {@code null}
 * @param signature the scheme and headers the request was signed with, or {@code null} when it was never signed
 * (the endpoint had no valid secret)
 */
public record DeliveryAttempt(String deliveryId, int attemptNumber, Instant startedAt, Duration duration,
		int statusCode, String responseBody, String error, AttemptSignature signature) {

	/**
	 * An attempt whose signature is not recorded.
	 * @param deliveryId the delivery
	 * @param attemptNumber 1 for the first attempt
	 * @param startedAt when the request started
	 * @param duration how long until the response or the error
	 * @param statusCode the HTTP status, or {@code 0} when no response arrived
	 * @param responseBody the start of the response body, or {@code null}
	 * @param error what went wrong without a response, or {@code null}
	 */
	public DeliveryAttempt(String deliveryId, int attemptNumber, Instant startedAt, Duration duration,
			int statusCode, String responseBody, String error) {
		this(deliveryId, attemptNumber, startedAt, duration, statusCode, responseBody, error, null);
	}

}
