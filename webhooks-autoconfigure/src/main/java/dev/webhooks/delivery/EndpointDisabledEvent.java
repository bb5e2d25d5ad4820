package dev.webhooks.delivery;

import java.time.Instant;

/**
 * Published as a Spring application event when the delivery engine disables an endpoint: it answered
 * {@code 410 Gone}, or its deliveries kept dying for longer than {@code webhooks.delivery.endpoint-disable-after}.
 * An application can alert its customer with an {@code @EventListener} for it.
 *
 * @param endpointId the endpoint
 * @param reason why it was disabled
 * @param disabledAt when
 */
public record EndpointDisabledEvent(String endpointId, String reason, Instant disabledAt) {
}
