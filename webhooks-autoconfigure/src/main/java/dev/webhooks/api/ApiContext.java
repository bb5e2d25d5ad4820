package dev.webhooks.api;

import java.time.Clock;
import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;

/**
 * What every management API controller shares: whose call it is, the paging and body rules, the defaults of
 * rotation and test events, and the clock.
 *
 * @param tenancy names the caller's tenant
 * @param reader reads request bodies
 * @param paging reads list parameters and writes cursors
 * @param defaultGracePeriod how long a rotated-out secret keeps signing unless the request says otherwise
 * @param testEventType the event type of a test event unless the request names one
 * @param clock the clock
 */
public record ApiContext(ApiTenancy tenancy, ApiRequestReader reader, ApiPaging paging,
		Duration defaultGracePeriod, String testEventType, Clock clock) {

	/**
	 * The tenant of a request.
	 * @param request the request
	 * @return the tenant id, {@code null} in a single-tenant API
	 * @throws TenantRequiredException when the request has none
	 */
	public String tenantOf(HttpServletRequest request) {
		return this.tenancy.tenantOf(request);
	}

}
