package dev.webhooks.receive;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The {@link WebhookListenerEndpoint endpoints} of the application, checked against the configured sources
 * when they are registered.
 */
public class WebhookListenerEndpointRegistry {

	private final WebhookSources sources;

	private final List<WebhookListenerEndpoint> endpoints = new CopyOnWriteArrayList<>();

	/**
	 * Create a registry.
	 * @param sources the configured sources
	 */
	public WebhookListenerEndpointRegistry(WebhookSources sources) {
		this.sources = sources;
	}

	/**
	 * Add an endpoint.
	 * @param endpoint the endpoint
	 * @throws IllegalStateException when it names a source that is not configured
	 */
	public void register(WebhookListenerEndpoint endpoint) {
		if (this.sources.byName(endpoint.getSource()) == null) {
			List<String> configured = new ArrayList<>();
			this.sources.all().forEach((source) -> configured.add(source.name()));
			throw new IllegalStateException("@WebhookListener " + endpoint.getId() + " listens to source '"
					+ endpoint.getSource() + "', which is not configured (configured sources: " + configured
					+ "). Add webhooks.receiver.sources." + endpoint.getSource() + ".secrets to the configuration.");
		}
		this.endpoints.add(endpoint);
	}

	/**
	 * The endpoints that handle a type from a source, in registration order.
	 * @param source the source name
	 * @param type the event type
	 * @return the endpoints, possibly none
	 */
	public List<WebhookListenerEndpoint> endpointsFor(String source, String type) {
		List<WebhookListenerEndpoint> matching = new ArrayList<>();
		for (WebhookListenerEndpoint endpoint : this.endpoints) {
			if (endpoint.getSource().equals(source) && endpoint.handles(type)) {
				matching.add(endpoint);
			}
		}
		return matching;
	}

	/**
	 * Every registered endpoint.
	 * @return the endpoints
	 */
	public List<WebhookListenerEndpoint> getEndpoints() {
		return Collections.unmodifiableList(this.endpoints);
	}

}
