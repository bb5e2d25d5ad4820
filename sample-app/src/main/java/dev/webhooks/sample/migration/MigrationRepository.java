package dev.webhooks.sample.migration;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Stores migrations in the {@code migration} table (created by {@code schema.sql}) of the application's database,
 * the same one the webhooks outbox lives in, so a transition and its event commit together.
 */
@Repository
public class MigrationRepository {

	private final JdbcClient jdbc;

	public MigrationRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Insert a new migration.
	 * @param migration the migration
	 */
	public void insert(Migration migration) {
		this.jdbc
			.sql("INSERT INTO migration (id, tenant_id, name, status, created_at, started_at, finished_at, "
					+ "error_message) VALUES (:id, :tenantId, :name, :status, :createdAt, :startedAt, :finishedAt, "
					+ ":errorMessage)")
			.param("tenantId", migration.tenantId())
			.param("id", migration.id())
			.param("name", migration.name())
			.param("status", migration.status().name())
			.param("createdAt", timestamp(migration.createdAt()))
			.param("startedAt", timestamp(migration.startedAt()))
			.param("finishedAt", timestamp(migration.finishedAt()))
			.param("errorMessage", migration.errorMessage())
			.update();
	}

	/**
	 * Write a migration's new state.
	 * @param migration the migration as changed
	 */
	public void update(Migration migration) {
		this.jdbc
			.sql("UPDATE migration SET status = :status, started_at = :startedAt, finished_at = :finishedAt, "
					+ "error_message = :errorMessage WHERE id = :id")
			.param("id", migration.id())
			.param("status", migration.status().name())
			.param("startedAt", timestamp(migration.startedAt()))
			.param("finishedAt", timestamp(migration.finishedAt()))
			.param("errorMessage", migration.errorMessage())
			.update();
	}

	/**
	 * Find a migration of a tenant and lock its row until the transaction ends, so two transitions of one
	 * migration cannot both pass the status check.
	 * @param tenantId the tenant
	 * @param id the id
	 * @return the migration, if it exists
	 */
	public Optional<Migration> findForUpdate(String tenantId, String id) {
		return this.jdbc.sql("SELECT * FROM migration WHERE id = :id AND tenant_id = :tenantId FOR UPDATE")
			.param("id", id)
			.param("tenantId", tenantId)
			.query(MigrationRepository::migration)
			.optional();
	}

	/**
	 * Find a migration of a tenant.
	 * @param tenantId the tenant
	 * @param id the id
	 * @return the migration, if it exists
	 */
	public Optional<Migration> findById(String tenantId, String id) {
		return this.jdbc.sql("SELECT * FROM migration WHERE id = :id AND tenant_id = :tenantId")
			.param("id", id)
			.param("tenantId", tenantId)
			.query(MigrationRepository::migration)
			.optional();
	}

	private static Migration migration(ResultSet rs, int row) throws SQLException {
		return new Migration(rs.getString("id"), rs.getString("name"), MigrationStatus.valueOf(rs.getString("status")),
				instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("started_at")),
				instant(rs.getTimestamp("finished_at")), rs.getString("error_message"), rs.getString("tenant_id"));
	}

	private static Timestamp timestamp(Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
