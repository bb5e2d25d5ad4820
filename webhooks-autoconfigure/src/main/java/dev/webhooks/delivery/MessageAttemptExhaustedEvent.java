package dev.webhooks.delivery;

import java.time.Instant;

/**
 * Published as a Spring application event when a delivery is dead: every attempt of the retry policy failed.
 *
 * @param deliveryId the delivery
 * @param eventId the event ({@code webhook-id})
 * @param eventType the event type
 * @param tenantId the event's tenant, or {@code null}
 * @param endpointId the endpoint
 * @param attempts how many attempts were made
 * @param lastStatusCode the status of the last attempt, or {@code 0} when it got no response
 * @param lastError what went wrong on the last attempt without a response, or {@code null}
 * @param occurredAt when the last attempt ended
 */
public record MessageAttemptExhaustedEvent(String deliveryId, String eventId, String eventType, String tenantId,
		String endpointId, int attempts, int lastStatusCode, String lastError, Instant occurredAt) {
}
