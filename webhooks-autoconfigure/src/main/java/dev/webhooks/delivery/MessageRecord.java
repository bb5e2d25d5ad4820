package dev.webhooks.delivery;

import java.time.Instant;
import java.util.List;

/**
 * One event of a tenant with its deliveries, as the log shows it.
 *
 * @param eventId the event id
 * @param eventType the event type
 * @param createdAt when it was published
 * @param deliveries its deliveries, one per endpoint and replay, oldest first
 */
public record MessageRecord(String eventId, String eventType, Instant createdAt, List<DeliveryRecord> deliveries) {

	public MessageRecord {
		deliveries = List.copyOf(deliveries);
	}

}
