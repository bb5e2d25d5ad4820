package dev.webhooks.delivery;

import java.time.Instant;

/**
 * One delivery as the log shows it.
 *
 * @param deliveryId the delivery id
 * @param eventId the event id, sent as {@code webhook-id}
 * @param eventType the event type
 * @param endpointId the endpoint
 * @param status where it stands
 * @param attempts how many attempts were made
 * @param lastStatusCode the last response status, or {@code null} (none yet, or a network error)
 * @param lastError the last attempt's error, or {@code null}
 * @param createdAt when it was created
 * @param nextAttemptAt when the next attempt is due, or {@code null} when it is not pending
 * @param completedAt when it ended, or {@code null}
 */
public record DeliveryRecord(String deliveryId, String eventId, String eventType, String endpointId,
		DeliveryStatus status, int attempts, Integer lastStatusCode, String lastError, Instant createdAt,
		Instant nextAttemptAt, Instant completedAt) {
}
