package dev.webhooks.delivery;

import java.util.List;

import dev.webhooks.event.OutboxEvent;

/**
 * An event to insert together with its deliveries.
 *
 * @param event the event
 * @param deliveries one per subscribed endpoint; may be empty
 */
public record NewEvent(OutboxEvent event, List<NewDelivery> deliveries) {
}
