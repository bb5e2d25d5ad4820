package dev.webhooks.delivery;

import dev.webhooks.endpoint.WebhookSubscribers;

import org.springframework.context.event.EventListener;

/**
 * Tells {@link WebhookSubscribers} to forget the subscribers it keeps when the delivery engine has disabled an
 * endpoint (410 Gone, or failing for too long), so the next publish of this instance no longer sends to it. The
 * engine disables endpoints through the {@link dev.webhooks.endpoint.EndpointRepository} rather than through the
 * management service, so the lookup is not told of it otherwise.
 */
public final class SubscriberCacheEviction {

	private final WebhookSubscribers subscribers;

	/**
	 * Create the listener.
	 * @param subscribers the lookup whose subscribers to forget
	 */
	public SubscriberCacheEviction(WebhookSubscribers subscribers) {
		this.subscribers = subscribers;
	}

	/**
	 * Forget the subscribers.
	 * @param event the endpoint that was disabled
	 */
	@EventListener
	public void onEndpointDisabled(EndpointDisabledEvent event) {
		this.subscribers.evict();
	}

}
