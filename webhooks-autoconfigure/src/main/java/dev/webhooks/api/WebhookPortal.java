package dev.webhooks.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import dev.webhooks.endpoint.PortalSession;
import dev.webhooks.endpoint.PortalSessionRepository;

/**
 * Portal links for the application to hand its customers: each opens the event-log page for one tenant alone,
 * once, for at most {@code webhooks.dashboard.session-ttl}. This is how an application embeds the page for
 * customers who have no login of their own on it:
 * <pre class="code">
 * PortalLink link = portal.createLink(customer.tenantId()).withOrigin("https://app.example.com");
 * return "redirect:" + link.url();
 * </pre>
 * The link's token is random (256 bits), stored only as its SHA-256 hash, bound to the tenant, and refused once
 * used, expired or revoked.
 */
public class WebhookPortal {

	private final PortalSessionRepository sessions;

	private final String pagePath;

	private final Duration maxTtl;

	private final Clock clock;

	/**
	 * Create the portal.
	 * @param sessions the store of sessions
	 * @param pagePath the page's path, with the servlet context path, such as {@code /webhooks}
	 * @param maxTtl the longest life of a link, and the default
	 * @param clock the clock
	 */
	public WebhookPortal(PortalSessionRepository sessions, String pagePath, Duration maxTtl, Clock clock) {
		this.sessions = sessions;
		this.pagePath = pagePath.endsWith("/") ? pagePath.substring(0, pagePath.length() - 1) : pagePath;
		this.maxTtl = maxTtl;
		this.clock = clock;
	}

	/**
	 * A link for a tenant that lasts the configured session TTL.
	 * @param tenant the tenant
	 * @return the link, starting with the page's path
	 */
	public PortalLink createLink(String tenant) {
		return createLink(tenant, this.maxTtl);
	}

	/**
	 * A link for a tenant.
	 * @param tenant the tenant
	 * @param ttl how long it lasts, at most the configured session TTL
	 * @return the link, starting with the page's path
	 * @throws IllegalArgumentException for a blank tenant, or a TTL that is not positive or above the maximum
	 */
	public PortalLink createLink(String tenant, Duration ttl) {
		if (tenant == null || tenant.isBlank()) {
			throw new IllegalArgumentException("A portal link is for a tenant");
		}
		if (ttl == null || ttl.isNegative() || ttl.isZero() || ttl.compareTo(this.maxTtl) > 0) {
			throw new IllegalArgumentException("A portal link lasts more than 0 and at most " + this.maxTtl
					+ " (webhooks.dashboard.session-ttl)");
		}
		Instant now = this.clock.instant();
		// expired sessions go as new ones come, so the table holds only what can still be used
		this.sessions.purgeExpired(now);
		String token = PortalSecrets.newToken();
		PortalSession session = new PortalSession(PortalSecrets.newId(), tenant, now, now.plus(ttl));
		this.sessions.create(session, PortalSecrets.hash(token));
		return new PortalLink(this.pagePath + "/#portal-token=" + token, session.expiresAt());
	}

	/**
	 * Revoke every portal session and unused link of a tenant: its open pages stop working at their next call.
	 * @param tenant the tenant
	 * @return how many sessions and links were revoked
	 */
	public int revokeAll(String tenant) {
		return this.sessions.revokeAll(tenant, this.clock.instant());
	}

	/**
	 * The longest life of a link.
	 * @return the configured session TTL
	 */
	public Duration maxTtl() {
		return this.maxTtl;
	}

}
