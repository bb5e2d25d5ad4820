package dev.webhooks.endpoint;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.InitializingBean;

/**
 * Brings the endpoints declared in configuration ({@code webhooks.endpoints[n]}) into the store when the
 * application starts, under their configured ids. A wrong declaration (no id, a duplicate id, a URL the guard
 * refuses) stops the start-up with a message naming the endpoint.
 */
public class StaticEndpointsInitializer implements InitializingBean {

	private static final Log logger = LogFactory.getLog(StaticEndpointsInitializer.class);

	private final WebhookEndpoints endpoints;

	private final List<StaticEndpoint> definitions;

	/**
	 * Create an initializer.
	 * @param endpoints the endpoint service
	 * @param definitions the configured endpoints
	 */
	public StaticEndpointsInitializer(WebhookEndpoints endpoints, List<StaticEndpoint> definitions) {
		this.endpoints = endpoints;
		this.definitions = definitions;
	}

	@Override
	public void afterPropertiesSet() {
		Set<String> ids = new HashSet<>();
		for (StaticEndpoint definition : this.definitions) {
			if (definition.id() != null && !ids.add(definition.id())) {
				throw new IllegalStateException("Two webhook endpoints are configured with id '" + definition.id()
						+ "' (webhooks.endpoints[n].id must be unique)");
			}
		}
		for (StaticEndpoint definition : this.definitions) {
			WebhookEndpoint endpoint = this.endpoints.upsertStatic(definition);
			if (endpoint.publicKey() != null && logger.isInfoEnabled()) {
				// the public key is no secret, and the one way to learn a generated one without the API
				logger.info("Webhook endpoint '" + endpoint.id() + "' signs v1a (ed25519); receivers verify with "
						+ "its public key " + endpoint.publicKey());
			}
			if (logger.isDebugEnabled()) {
				logger.debug("Webhook endpoint '" + endpoint.id() + "' configured for " + endpoint.url()
						+ " (events " + (endpoint.eventTypes().isEmpty() ? "*" : endpoint.eventTypes()) + ")");
			}
		}
	}

}
