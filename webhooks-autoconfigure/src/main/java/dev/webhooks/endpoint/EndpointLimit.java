package dev.webhooks.endpoint;

/**
 * How many endpoints a tenant may have: the one limit, checked by {@link WebhookEndpoints} when one is created in
 * code, through the management API or from configuration. Disabled endpoints count; deleted ones do not. The
 * auto-configured bean reads {@code webhooks.publisher.max-endpoints-per-tenant}; replace it to give plans
 * different limits, for example 20 on Pro and none on Enterprise.
 */
@FunctionalInterface
public interface EndpointLimit {

	/** No limit. */
	EndpointLimit UNLIMITED = (tenantId) -> 0;

	/**
	 * The most endpoints a tenant may have.
	 * @param tenantId the tenant, or {@code null} for the endpoints of no tenant
	 * @return the limit, or {@code 0} (or less) for none
	 */
	int maxEndpoints(String tenantId);

	/**
	 * The same limit for every tenant.
	 * @param maxEndpoints the limit, or {@code 0} for none
	 * @return the limit
	 */
	static EndpointLimit perTenant(int maxEndpoints) {
		return (tenantId) -> maxEndpoints;
	}

}
