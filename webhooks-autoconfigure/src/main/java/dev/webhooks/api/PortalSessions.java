package dev.webhooks.api;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import dev.webhooks.endpoint.PortalSession;
import dev.webhooks.endpoint.PortalSessionRepository;

/**
 * The browser side of portal sessions: exchanging a link's token, once, for a session secret; finding the live
 * session a session secret carries; ending it. Secrets are looked up by their hashes only.
 */
public class PortalSessions {

	private final PortalSessionRepository sessions;

	private final Clock clock;

	/**
	 * Create the service.
	 * @param sessions the store of sessions
	 * @param clock the clock, which decides expiry
	 */
	public PortalSessions(PortalSessionRepository sessions, Clock clock) {
		this.sessions = sessions;
		this.clock = clock;
	}

	/**
	 * Exchange a link token for a new session secret.
	 * @param token the token from the link
	 * @return the session and its secret, unless the token is unknown, used, expired or revoked
	 */
	Optional<Opened> exchange(String token) {
		if (token == null || !token.startsWith(PortalSecrets.TOKEN_PREFIX)) {
			return Optional.empty();
		}
		String secret = PortalSecrets.newSessionSecret();
		return this.sessions.exchange(PortalSecrets.hash(token), PortalSecrets.hash(secret), this.clock.instant())
			.map((session) -> new Opened(session, secret));
	}

	/**
	 * The live session of a session secret.
	 * @param secret the secret from the cookie
	 * @return the session, unless unknown, expired or revoked
	 */
	Optional<PortalSession> find(String secret) {
		if (secret == null || !secret.startsWith(PortalSecrets.SESSION_PREFIX)) {
			return Optional.empty();
		}
		return this.sessions.findActive(PortalSecrets.hash(secret), this.clock.instant());
	}

	/**
	 * End the session of a session secret.
	 * @param secret the secret from the cookie
	 */
	void end(String secret) {
		if (secret != null && secret.startsWith(PortalSecrets.SESSION_PREFIX)) {
			this.sessions.revoke(PortalSecrets.hash(secret), this.clock.instant());
		}
	}

	/**
	 * How long a session has left.
	 * @param session the session
	 * @return the time until it expires, zero once it has
	 */
	Duration remaining(PortalSession session) {
		Duration left = Duration.between(this.clock.instant(), session.expiresAt());
		return left.isNegative() ? Duration.ZERO : left;
	}

	/**
	 * A session just opened, with the secret its browser carries from now on.
	 *
	 * @param session the session
	 * @param secret the session secret, for the cookie only
	 */
	record Opened(PortalSession session, String secret) {

		@Override
		public String toString() {
			return "Opened[" + this.session + "]";
		}

	}

}
