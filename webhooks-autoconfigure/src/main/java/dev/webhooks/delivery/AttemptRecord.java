package dev.webhooks.delivery;

import java.time.Instant;

/**
 * One attempt as the log shows it.
 *
 * @param deliveryId the delivery it belongs to
 * @param eventId the event
 * @param endpointId the endpoint
 * @param attemptNumber 1 for the first attempt of its delivery
 * @param startedAt when the request started, also the signed {@code webhook-timestamp}
 * @param durationMillis how long it took
 * @param statusCode the response status, 0 for a network error
 * @param responseBody the start of the response body, or {@code null}
 * @param error the error, or {@code null}
 */
public record AttemptRecord(String deliveryId, String eventId, String endpointId, int attemptNumber,
		Instant startedAt, long durationMillis, int statusCode, String responseBody, String error) {
}
