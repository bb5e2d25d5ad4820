package dev.webhooks.api;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Names the tenant a management API request acts for. Every call is scoped to it: a tenant never sees another
 * tenant's endpoints or events. The default takes the name of Spring Security's authenticated principal; an
 * application with API keys or JWT claims supplies its own bean:
 * <pre class="code">
 * &#64;Bean
 * WebhookTenantResolver tenantFromApiKey(ApiKeys keys) {
 *     return (request) -&gt; keys.tenantOf(request.getHeader("X-Api-Key"));
 * }
 * </pre>
 */
@FunctionalInterface
public interface WebhookTenantResolver {

	/**
	 * The tenant of a request.
	 * @param request the request
	 * @return the tenant id, or {@code null} when the request has none (it is then answered with 401)
	 */
	String resolveTenant(HttpServletRequest request);

}
