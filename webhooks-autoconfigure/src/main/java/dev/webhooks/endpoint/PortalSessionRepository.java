package dev.webhooks.endpoint;

import java.time.Instant;
import java.util.Optional;

/**
 * Where portal sessions are kept, by the hashes of their secrets, so that every instance on the database knows
 * them and a leaked table opens nothing. The JDBC implementation lives in {@code dev.webhooks.store}.
 */
public interface PortalSessionRepository {

	/**
	 * Store a new session, not yet exchanged.
	 * @param session the session
	 * @param tokenHash the hash of its link token
	 */
	void create(PortalSession session, String tokenHash);

	/**
	 * Exchange a link token for a browser session, once: a token already exchanged, expired or revoked opens
	 * nothing. Atomic, so two concurrent exchanges of one token cannot both succeed.
	 * @param tokenHash the hash of the link token
	 * @param sessionHash the hash of the browser's new session secret
	 * @param now the time of the exchange
	 * @return the session, if the token was valid
	 */
	Optional<PortalSession> exchange(String tokenHash, String sessionHash, Instant now);

	/**
	 * The live session a browser's session secret carries.
	 * @param sessionHash the hash of the session secret
	 * @param now the time of the request
	 * @return the session, unless unknown, expired or revoked
	 */
	Optional<PortalSession> findActive(String sessionHash, Instant now);

	/**
	 * Revoke the session a browser's session secret carries (logout).
	 * @param sessionHash the hash of the session secret
	 * @param now the time of revocation
	 */
	void revoke(String sessionHash, Instant now);

	/**
	 * Revoke every session and unused link of a tenant.
	 * @param tenantId the tenant
	 * @param now the time of revocation
	 * @return how many were revoked
	 */
	int revokeAll(String tenantId, Instant now);

	/**
	 * Delete the sessions that expired before a time.
	 * @param before the time
	 * @return how many were deleted
	 */
	int purgeExpired(Instant before);

}
