package dev.webhooks.delivery;

import java.time.Instant;

/**
 * A new delivery of an event already stored: a replay, or a test event's delivery.
 *
 * @param eventId the stored event
 * @param createdAt when the delivery is created, which places it in the log
 * @param delivery the row
 */
public record AddedDelivery(String eventId, Instant createdAt, NewDelivery delivery) {
}
