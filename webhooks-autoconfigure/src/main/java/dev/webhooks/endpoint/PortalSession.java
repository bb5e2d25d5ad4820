package dev.webhooks.endpoint;

import java.time.Instant;

/**
 * A portal session of a tenant: opened by a single-use link token, then carried by a browser's session secret
 * until it expires or is revoked. Neither secret is held here; the store keeps only their SHA-256 hashes.
 *
 * @param id the session id
 * @param tenantId the tenant it acts for
 * @param createdAt when the link was made
 * @param expiresAt when the link and the session it opens end
 */
public record PortalSession(String id, String tenantId, Instant createdAt, Instant expiresAt) {

	@Override
	public String toString() {
		return "PortalSession[id=" + this.id + ", expiresAt=" + this.expiresAt + "]";
	}

}
