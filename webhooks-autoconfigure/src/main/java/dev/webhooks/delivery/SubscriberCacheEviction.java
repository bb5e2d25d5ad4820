package dev.webhooks.delivery;

import dev.webhooks.endpoint.WebhookEndpoints;

import org.springframework.context.event.EventListener;

/**
 * Tells {@link WebhookEndpoints} to forget the subscribers it keeps when the delivery engine has disabled an
 * endpoint (410 Gone, or failing for too long), so the next publish of this instance no longer sends to it. The
 * engine disables endpoints through the {@link dev.webhooks.endpoint.EndpointRepository} rather than through the
 * service, so the service cannot see it itself.
 */
public final class SubscriberCacheEviction {

	private final WebhookEndpoints endpoints;

	/**
	 * Create the listener.
	 * @param endpoints the service whose subscribers to forget
	 */
	public SubscriberCacheEviction(WebhookEndpoints endpoints) {
		this.endpoints = endpoints;
	}

	/**
	 * Forget the subscribers.
	 * @param event the endpoint that was disabled
	 */
	@EventListener
	public void onEndpointDisabled(EndpointDisabledEvent event) {
		this.endpoints.evictSubscribers();
	}

}
