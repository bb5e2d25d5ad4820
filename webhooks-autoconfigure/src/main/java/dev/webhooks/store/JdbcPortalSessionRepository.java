package dev.webhooks.store;

import java.time.Instant;
import java.util.Optional;

import dev.webhooks.endpoint.PortalSession;
import dev.webhooks.endpoint.PortalSessionRepository;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.RowMapper;

/**
 * {@link PortalSessionRepository} on the {@code %TABLE_PREFIX%portal_session} table, one SQL text for PostgreSQL and
 * H2. The exchange is one conditional {@code UPDATE}: only the first of concurrent exchanges of a token changes the
 * row. Secrets are never stored, only their hashes, and always bound as parameters.
 */
public class JdbcPortalSessionRepository implements PortalSessionRepository {

	private static final String INSERT = """
			INSERT INTO %TABLE_PREFIX%portal_session (id, tenant_id, token_hash, created_at, expires_at)
			VALUES (?, ?, ?, ?, ?)""";

	private static final String EXCHANGE = """
			UPDATE %TABLE_PREFIX%portal_session
			SET session_hash = ?, exchanged_at = ?
			WHERE token_hash = ? AND exchanged_at IS NULL AND revoked_at IS NULL AND expires_at > ?""";

	private static final String SELECT_BY_TOKEN = """
			SELECT id, tenant_id, created_at, expires_at
			FROM %TABLE_PREFIX%portal_session
			WHERE token_hash = ?""";

	private static final String SELECT_ACTIVE = """
			SELECT id, tenant_id, created_at, expires_at
			FROM %TABLE_PREFIX%portal_session
			WHERE session_hash = ? AND revoked_at IS NULL AND expires_at > ?""";

	private static final String REVOKE = """
			UPDATE %TABLE_PREFIX%portal_session
			SET revoked_at = ?
			WHERE session_hash = ? AND revoked_at IS NULL""";

	private static final String REVOKE_ALL = """
			UPDATE %TABLE_PREFIX%portal_session
			SET revoked_at = ?
			WHERE tenant_id = ? AND revoked_at IS NULL AND expires_at > ?""";

	private static final String PURGE = """
			DELETE FROM %TABLE_PREFIX%portal_session
			WHERE expires_at < ?""";

	private static final RowMapper<PortalSession> MAPPER = (rs, row) -> new PortalSession(rs.getString("id"),
			rs.getString("tenant_id"), JdbcTimestamps.get(rs, "created_at"), JdbcTimestamps.get(rs, "expires_at"));

	private final JdbcOperations jdbc;

	private final TablePrefix prefix;

	/**
	 * Create a repository.
	 * @param jdbc JDBC access to the application's data source
	 * @param prefix the prefix of the table names
	 */
	public JdbcPortalSessionRepository(JdbcOperations jdbc, TablePrefix prefix) {
		this.jdbc = jdbc;
		this.prefix = prefix;
	}

	@Override
	public void create(PortalSession session, String tokenHash) {
		this.jdbc.update(sql(INSERT), session.id(), session.tenantId(), tokenHash,
				JdbcTimestamps.param(session.createdAt()), JdbcTimestamps.param(session.expiresAt()));
	}

	@Override
	public Optional<PortalSession> exchange(String tokenHash, String sessionHash, Instant now) {
		Object at = JdbcTimestamps.param(now);
		if (this.jdbc.update(sql(EXCHANGE), sessionHash, at, tokenHash, at) != 1) {
			return Optional.empty();
		}
		return this.jdbc.query(sql(SELECT_BY_TOKEN), MAPPER, tokenHash).stream().findFirst();
	}

	@Override
	public Optional<PortalSession> findActive(String sessionHash, Instant now) {
		return this.jdbc.query(sql(SELECT_ACTIVE), MAPPER, sessionHash, JdbcTimestamps.param(now)).stream()
			.findFirst();
	}

	@Override
	public void revoke(String sessionHash, Instant now) {
		this.jdbc.update(sql(REVOKE), JdbcTimestamps.param(now), sessionHash);
	}

	@Override
	public int revokeAll(String tenantId, Instant now) {
		Object at = JdbcTimestamps.param(now);
		return this.jdbc.update(sql(REVOKE_ALL), at, tenantId, at);
	}

	@Override
	public int purgeExpired(Instant before) {
		return this.jdbc.update(sql(PURGE), JdbcTimestamps.param(before));
	}

	private String sql(String statement) {
		return this.prefix.resolve(statement);
	}

}
