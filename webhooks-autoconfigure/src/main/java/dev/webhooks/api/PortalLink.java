package dev.webhooks.api;

import java.time.Instant;

/**
 * A portal link: the URL that opens the event-log page for one tenant, with its single-use token in the fragment
 * (so it never reaches a server's access log or a {@code Referer}), and when it expires. The token is shown here
 * once; the store keeps only its hash.
 *
 * @param url the link: absolute when made for an API call, which knows its origin; from {@link WebhookPortal} it
 * starts with the path ({@code /webhooks/#portal-token=...}) unless an origin was given
 * @param expiresAt when the link, and the session it opens, end
 */
public record PortalLink(String url, Instant expiresAt) {

	/**
	 * This link on an origin.
	 * @param origin the application's origin as its customers reach it, such as {@code https://app.example.com}
	 * @return the absolute link
	 */
	public PortalLink withOrigin(String origin) {
		String base = origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
		return new PortalLink(base + this.url, this.expiresAt);
	}

	@Override
	public String toString() {
		return "PortalLink[expiresAt=" + this.expiresAt + "]";
	}

}
