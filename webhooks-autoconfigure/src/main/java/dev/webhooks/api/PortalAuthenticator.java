package dev.webhooks.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Tells the application's security that a request carries a live portal session of a tenant, so that its rules
 * let the management API's calls through. With Spring Security it sets the request's authentication; without it
 * there is nothing to tell.
 */
@FunctionalInterface
public interface PortalAuthenticator {

	/** Nothing to tell: no Spring Security in the application. */
	PortalAuthenticator NONE = (request, response, tenant) -> {
	};

	/**
	 * A request carries a live portal session.
	 * @param request the request
	 * @param response the response
	 * @param tenant the session's tenant
	 */
	void authenticated(HttpServletRequest request, HttpServletResponse response, String tenant);

}
