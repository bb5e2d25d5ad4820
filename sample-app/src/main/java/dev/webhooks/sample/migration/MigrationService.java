package dev.webhooks.sample.migration;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.webhooks.event.WebhookEvent;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The lifecycle of a migration. Each transition is one transaction, and its {@code @WebhookEvent} writes the event
 * to the outbox in that transaction: the subscribers get it once the transaction commits, and a transition that
 * fails (an unknown id, a wrong status) rolls back and publishes nothing.
 */
@Service
public class MigrationService {

	private static final Logger logger = LoggerFactory.getLogger(MigrationService.class);

	private final MigrationRepository repository;

	private final Clock clock;

	public MigrationService(MigrationRepository repository) {
		this.repository = repository;
		this.clock = Clock.systemUTC();
	}

	/**
	 * Create a migration of a tenant, not started yet.
	 * @param tenantId the tenant it belongs to
	 * @param name what is migrated
	 * @return the new migration
	 */
	@Transactional
	@WebhookEvent(value = "migration.created", tenant = "#result.tenantId", text = "'🆕 Migration ' + #result.id + ' created: ' + #result.name")
	public Migration create(String tenantId, String name) {
		String id = "mig_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		Migration migration = new Migration(id, name, MigrationStatus.PENDING, this.clock.instant(), null, null,
				null, tenantId);
		this.repository.insert(migration);
		return publishing("migration.created", migration);
	}

	/**
	 * Start a pending migration.
	 * @param tenantId the caller's tenant; another tenant's migration is not found
	 * @param id the migration id
	 * @return the migration, now working
	 */
	@Transactional
	@WebhookEvent(value = "migration.started", tenant = "#result.tenantId", text = "'▶️ Migration ' + #result.id + ' started'")
	public Migration start(String tenantId, String id) {
		Migration current = find(tenantId, id, MigrationStatus.PENDING);
		return save("migration.started", new Migration(id, current.name(), MigrationStatus.WORKING,
				current.createdAt(), this.clock.instant(), null, null, tenantId));
	}

	/**
	 * Complete a working migration.
	 * @param tenantId the caller's tenant; another tenant's migration is not found
	 * @param id the migration id
	 * @return the migration, now complete
	 */
	@Transactional
	@WebhookEvent(value = "migration.completed", tenant = "#result.tenantId",
			text = "'✅ Migration ' + #result.id + ' completed in ' + #result.runTime()")
	public Migration complete(String tenantId, String id) {
		Migration current = find(tenantId, id, MigrationStatus.WORKING);
		return save("migration.completed", new Migration(id, current.name(), MigrationStatus.COMPLETE,
				current.createdAt(), current.startedAt(), this.clock.instant(), null, tenantId));
	}

	/**
	 * Fail a pending or working migration.
	 * @param tenantId the caller's tenant; another tenant's migration is not found
	 * @param id the migration id
	 * @param reason what went wrong; sent as {@code data.error_message}
	 * @return the migration, now failed
	 */
	@Transactional
	@WebhookEvent(value = "migration.failed", tenant = "#result.tenantId", errorMessage = "#result.errorMessage",
			text = "'❌ Migration ' + #result.id + ' failed after ' + #result.runTime() + ': ' + #result.errorMessage")
	public Migration fail(String tenantId, String id, String reason) {
		Migration current = find(tenantId, id, MigrationStatus.PENDING, MigrationStatus.WORKING);
		String errorMessage = (reason != null && !reason.isBlank()) ? reason : "No reason given";
		return save("migration.failed", new Migration(id, current.name(), MigrationStatus.FAILED,
				current.createdAt(), current.startedAt(), this.clock.instant(), errorMessage, tenantId));
	}

	/**
	 * Find a migration.
	 * @param tenantId the caller's tenant; another tenant's migration is not found
	 * @param id the migration id
	 * @return the migration
	 * @throws MigrationNotFoundException when there is none
	 */
	@Transactional(readOnly = true)
	public Migration get(String tenantId, String id) {
		return this.repository.findById(tenantId, id).orElseThrow(() -> new MigrationNotFoundException(id));
	}

	private Migration find(String tenantId, String id, MigrationStatus... allowed) {
		Migration migration = this.repository.findForUpdate(tenantId, id)
			.orElseThrow(() -> new MigrationNotFoundException(id));
		for (MigrationStatus status : allowed) {
			if (migration.status() == status) {
				return migration;
			}
		}
		throw new IllegalMigrationTransitionException(migration, allowed);
	}

	private Migration save(String eventType, Migration migration) {
		this.repository.update(migration);
		return publishing(eventType, migration);
	}

	// Logged for the demo's round trip; the @WebhookEvent of the calling method publishes when it returns.
	private static Migration publishing(String eventType, Migration migration) {
		logger.info("Migration {} is {}: publishing {}, sent once the transaction commits", migration.id(),
				migration.status(), eventType);
		return migration;
	}

}
