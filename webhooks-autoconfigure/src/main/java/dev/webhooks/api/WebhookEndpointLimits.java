package dev.webhooks.api;

/**
 * How many endpoints each tenant may have (reference/004: 20 on Pro, unlimited on Enterprise). The default gives
 * every tenant {@code webhooks.api.max-endpoints-per-tenant}; an application with plans supplies its own bean:
 * <pre class="code">
 * &#64;Bean
 * WebhookEndpointLimits endpointLimits(Plans plans) {
 *     return (tenant) -&gt; plans.of(tenant).isEnterprise() ? WebhookEndpointLimits.UNLIMITED : 20;
 * }
 * </pre>
 */
@FunctionalInterface
public interface WebhookEndpointLimits {

	/** No limit. */
	int UNLIMITED = Integer.MAX_VALUE;

	/**
	 * The most endpoints a tenant may have.
	 * @param tenantId the tenant, or {@code null} in a single-tenant API
	 * @return the limit, {@link #UNLIMITED} for none
	 */
	int maxEndpoints(String tenantId);

}
