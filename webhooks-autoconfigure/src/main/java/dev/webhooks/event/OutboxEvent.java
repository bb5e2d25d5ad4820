package dev.webhooks.event;

import java.time.Instant;

/**
 * An event as stored in the outbox: serialised once, so the bytes stored are the bytes sent to every endpoint on
 * every attempt.
 *
 * @param id the event id ({@code evt_…}), also the {@code webhook-id} of every delivery
 * @param type the event type, for example {@code migration.completed}
 * @param tenantId the tenant the event belongs to, or {@code null} for an event of no tenant
 * @param createdAt when it was published
 * @param body the serialised envelope
 * @param idempotencyKey the publisher's idempotency key, or {@code null}
 * @param traceParent the W3C {@code traceparent} of the publish, or {@code null} when it was not traced
 */
public record OutboxEvent(String id, String type, String tenantId, Instant createdAt, byte[] body,
		String idempotencyKey, String traceParent) {

	/**
	 * An event stored without a trace context.
	 * @param id the event id
	 * @param type the event type
	 * @param tenantId the tenant, or {@code null}
	 * @param createdAt when it was published
	 * @param body the serialised envelope
	 * @param idempotencyKey the publisher's idempotency key, or {@code null}
	 */
	public OutboxEvent(String id, String type, String tenantId, Instant createdAt, byte[] body,
			String idempotencyKey) {
		this(id, type, tenantId, createdAt, body, idempotencyKey, null);
	}

}
