package dev.webhooks.api;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;

/**
 * The {@link PortalAuthenticator} with Spring Security: the request is authenticated as the tenant, with the one
 * authority {@value #AUTHORITY}, for this request only. The context is kept in a request attribute (never the
 * HTTP session), which is where Spring Security looks again on the asynchronous dispatches of the live stream.
 */
public class SecurityContextPortalAuthenticator implements PortalAuthenticator {

	/** The authority of a request authenticated by a portal session. */
	public static final String AUTHORITY = "WEBHOOKS_PORTAL";

	private final SecurityContextHolderStrategy strategy = SecurityContextHolder.getContextHolderStrategy();

	private final RequestAttributeSecurityContextRepository repository = new RequestAttributeSecurityContextRepository();

	@Override
	public void authenticated(HttpServletRequest request, HttpServletResponse response, String tenant) {
		SecurityContext context = this.strategy.createEmptyContext();
		context.setAuthentication(new PortalAuthenticationToken(tenant));
		this.strategy.setContext(context);
		this.repository.saveContext(context, request, response);
	}

	/**
	 * The authentication of a request that carries a live portal session: its name is the tenant.
	 */
	public static final class PortalAuthenticationToken extends AbstractAuthenticationToken {

		private static final List<GrantedAuthority> AUTHORITIES = List.of(new SimpleGrantedAuthority(AUTHORITY));

		private final String tenant;

		PortalAuthenticationToken(String tenant) {
			super(AUTHORITIES);
			this.tenant = tenant;
			setAuthenticated(true);
		}

		@Override
		public Object getCredentials() {
			return "";
		}

		@Override
		public Object getPrincipal() {
			return this.tenant;
		}

	}

}
