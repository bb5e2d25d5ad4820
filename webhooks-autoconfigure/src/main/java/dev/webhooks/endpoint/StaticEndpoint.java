package dev.webhooks.endpoint;

import java.util.List;
import java.util.Map;

/**
 * An endpoint declared in configuration ({@code webhooks.endpoints[n]}), kept in the store under its configured
 * id and brought back to its configured state at every start.
 *
 * @param id the id, stable across restarts
 * @param tenantId the tenant, or {@code null}
 * @param url the URL
 * @param description free text, or {@code null}
 * @param eventTypes the subscribed patterns; empty subscribes to every type
 * @param headers custom headers
 * @param secrets the secrets, current first; empty keeps the stored ones, or generates one the first time
 * @param enabled whether deliveries are made
 * @param filter the payload filter as JSON text, or {@code null} for none
 * @param ordering the delivery order, or {@code null} for parallel
 * @param rateLimit requests per second, or {@code null} for no limit
 * @param sslBundle the SSL bundle for a client certificate, or {@code null}
 */
public record StaticEndpoint(String id, String tenantId, String url, String description, List<String> eventTypes,
		Map<String, String> headers, List<String> secrets, boolean enabled, String filter, EndpointOrdering ordering,
		Integer rateLimit, String sslBundle) {

	/**
	 * A configured endpoint without filter, rate limit or SSL bundle, delivered in parallel.
	 * @param id the id
	 * @param tenantId the tenant, or {@code null}
	 * @param url the URL
	 * @param description free text, or {@code null}
	 * @param eventTypes the subscribed patterns
	 * @param headers custom headers
	 * @param secrets the secrets, current first
	 * @param enabled whether deliveries are made
	 */
	public StaticEndpoint(String id, String tenantId, String url, String description, List<String> eventTypes,
			Map<String, String> headers, List<String> secrets, boolean enabled) {
		this(id, tenantId, url, description, eventTypes, headers, secrets, enabled, null, null, null, null);
	}

	@Override
	public String toString() {
		return "StaticEndpoint[id=" + this.id + ", tenantId=" + this.tenantId + ", url=" + this.url + ", eventTypes="
				+ this.eventTypes + ", secrets=" + this.secrets.size() + " (hidden), enabled=" + this.enabled
				+ ", filter=" + this.filter + ", ordering=" + this.ordering + ", rateLimit=" + this.rateLimit
				+ ", sslBundle=" + this.sslBundle + "]";
	}

}
