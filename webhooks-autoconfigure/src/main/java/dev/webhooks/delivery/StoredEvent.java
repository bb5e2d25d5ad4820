package dev.webhooks.delivery;

import java.time.Instant;

/**
 * An event as stored in the outbox.
 *
 * @param id the event id
 * @param type the event type
 * @param tenantId the tenant, or {@code null}
 * @param createdAt when it was published
 * @param body the serialised envelope, the bytes sent on every attempt
 */
public record StoredEvent(String id, String type, String tenantId, Instant createdAt, byte[] body) {
}
