package dev.webhooks.api;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The default {@link WebhookTenantResolver} with Spring Security: the name of the authenticated principal; none
 * for an anonymous or unauthenticated request.
 */
public class SecurityContextTenantResolver implements WebhookTenantResolver {

	@Override
	public String resolveTenant(HttpServletRequest request) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken) {
			return null;
		}
		String name = authentication.getName();
		return (name == null || name.isBlank()) ? null : name;
	}

}
