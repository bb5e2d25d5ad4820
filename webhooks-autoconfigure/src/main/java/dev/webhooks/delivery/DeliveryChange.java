package dev.webhooks.delivery;

/**
 * A delivery in the {@link DeliveryFeed}, in its state when it was read.
 *
 * @param tenantId the tenant of its endpoint, or {@code null}
 * @param delivery the delivery as the log shows it
 * @param position the feed position just after this change
 */
public record DeliveryChange(String tenantId, DeliveryRecord delivery, DeliveryFeedPosition position) {
}
