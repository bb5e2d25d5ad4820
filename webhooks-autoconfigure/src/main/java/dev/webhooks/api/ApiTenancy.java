package dev.webhooks.api;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The tenant of each management API call: the tenant of the request's live portal session if it has one, else the
 * {@link WebhookTenantResolver}'s answer; or, in a single-tenant API, always the endpoints and events of no tenant.
 */
public final class ApiTenancy {

	private final WebhookTenantResolver resolver;

	private ApiTenancy(WebhookTenantResolver resolver) {
		this.resolver = resolver;
	}

	/**
	 * Tenants named by a resolver.
	 * @param resolver the resolver
	 * @return the tenancy
	 */
	public static ApiTenancy resolvedBy(WebhookTenantResolver resolver) {
		return new ApiTenancy(resolver);
	}

	/**
	 * One tenant for every caller: the application secures the API itself, and its endpoints and events carry no
	 * tenant.
	 * @return the tenancy
	 */
	public static ApiTenancy singleTenant() {
		return new ApiTenancy(null);
	}

	/**
	 * The tenant of a request.
	 * @param request the request
	 * @return the tenant id, {@code null} in a single-tenant API
	 * @throws TenantRequiredException when the resolver names none
	 */
	public String tenantOf(HttpServletRequest request) {
		if (this.resolver == null) {
			return null;
		}
		// a live portal session, which only the PortalSessionFilter can have named, comes before the resolver
		String tenant = (request.getAttribute(PortalSessionFilter.TENANT_ATTRIBUTE) instanceof String portal) ? portal
				: this.resolver.resolveTenant(request);
		if (tenant == null || tenant.isBlank()) {
			throw new TenantRequiredException();
		}
		return tenant;
	}

}
