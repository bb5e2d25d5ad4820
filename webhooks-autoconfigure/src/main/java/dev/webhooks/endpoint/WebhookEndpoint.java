package dev.webhooks.endpoint;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.webhooks.event.filter.PayloadFilter;
import dev.webhooks.signing.WebhookSecret;

/**
 * A subscriber: where events go, which of them, and with which secrets and headers.
 *
 * @param id the endpoint id ({@code ep_…}, or the configured id of a static endpoint)
 * @param tenantId the owning tenant, or {@code null} for an endpoint that receives events of no tenant
 * @param url the HTTPS URL events are POSTed to
 * @param description free text
 * @param eventTypes the subscribed event-type patterns ({@code lead.created}, {@code lead.*}, {@code *});
 * empty means every type
 * @param headers custom headers sent with every request
 * @param secrets the signing secrets, current first; a rotated secret stays until it expires
 * @param enabled whether deliveries are made
 * @param disabledReason why the endpoint was disabled, or {@code null}
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param filter the payload filter an event must pass besides the type patterns, or {@code null} for none
 * @param ordering in which order deliveries are made; {@code null} means {@link EndpointOrdering#PARALLEL}
 * @param rateLimit the most requests per second, or {@code null} for no limit
 * @param sslBundle the name of the Spring Boot SSL bundle whose key presents a client certificate, or
 * {@code null} for none
 */
public record WebhookEndpoint(String id, String tenantId, String url, String description, List<String> eventTypes,
		Map<String, String> headers, List<EndpointSecret> secrets, boolean enabled, String disabledReason,
		Instant createdAt, Instant updatedAt, PayloadFilter filter, EndpointOrdering ordering, Integer rateLimit,
		String sslBundle) {

	public WebhookEndpoint {
		ordering = (ordering != null) ? ordering : EndpointOrdering.PARALLEL;
	}

	/**
	 * An endpoint without filter, rate limit or SSL bundle, delivered in parallel.
	 * @param id the endpoint id
	 * @param tenantId the owning tenant, or {@code null}
	 * @param url the URL
	 * @param description free text
	 * @param eventTypes the subscribed patterns
	 * @param headers custom headers
	 * @param secrets the signing secrets, current first
	 * @param enabled whether deliveries are made
	 * @param disabledReason why it was disabled, or {@code null}
	 * @param createdAt when it was created
	 * @param updatedAt when it last changed
	 */
	public WebhookEndpoint(String id, String tenantId, String url, String description, List<String> eventTypes,
			Map<String, String> headers, List<EndpointSecret> secrets, boolean enabled, String disabledReason,
			Instant createdAt, Instant updatedAt) {
		this(id, tenantId, url, description, eventTypes, headers, secrets, enabled, disabledReason, createdAt,
				updatedAt, null, EndpointOrdering.PARALLEL, null, null);
	}

	/**
	 * Shows the header names but not their values, which often carry credentials; the secrets show themselves
	 * masked.
	 */
	@Override
	public String toString() {
		return "WebhookEndpoint[id=" + this.id + ", tenantId=" + this.tenantId + ", url=" + this.url
				+ ", eventTypes=" + this.eventTypes + ", headers=" + this.headers.keySet() + ", secrets="
				+ this.secrets + ", enabled=" + this.enabled + ", disabledReason=" + this.disabledReason + ", filter="
				+ this.filter + ", ordering=" + this.ordering.apiName() + ", rateLimit=" + this.rateLimit
				+ ", sslBundle=" + this.sslBundle + "]";
	}

	/**
	 * The secrets that sign a request sent at the given time, current first.
	 * @param now the time of the attempt
	 * @return the secrets that have not expired
	 */
	public List<WebhookSecret> signingSecretsAt(Instant now) {
		return EndpointSecret.signingAt(this.secrets, now);
	}

}
