package dev.webhooks.sample.migration;

import java.net.URI;

import dev.webhooks.api.WebhookTenantResolver;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The migrations REST API. Every POST is one transition and publishes one {@code migration.*} webhook event to
 * the caller's tenant's endpoints; a migration belongs to the tenant that created it, and another tenant gets 404.
 */
@RestController
@RequestMapping("/migrations")
public class MigrationController {

	private final MigrationService migrations;

	private final WebhookTenantResolver tenants;

	public MigrationController(MigrationService migrations, WebhookTenantResolver tenants) {
		this.migrations = migrations;
		this.tenants = tenants;
	}

	@PostMapping
	public ResponseEntity<Migration> create(HttpServletRequest http,
			@RequestBody(required = false) CreateMigration request) {
		String name = (request != null && request.name() != null) ? request.name() : "Unnamed migration";
		Migration migration = this.migrations.create(tenant(http), name);
		return ResponseEntity.created(URI.create("/migrations/" + migration.id())).body(migration);
	}

	@GetMapping("/{id}")
	public Migration get(HttpServletRequest http, @PathVariable String id) {
		return this.migrations.get(tenant(http), id);
	}

	@PostMapping("/{id}/start")
	public Migration start(HttpServletRequest http, @PathVariable String id) {
		return this.migrations.start(tenant(http), id);
	}

	@PostMapping("/{id}/complete")
	public Migration complete(HttpServletRequest http, @PathVariable String id) {
		return this.migrations.complete(tenant(http), id);
	}

	@PostMapping("/{id}/fail")
	public Migration fail(HttpServletRequest http, @PathVariable String id,
			@RequestBody(required = false) FailMigration request) {
		return this.migrations.fail(tenant(http), id, (request != null) ? request.reason() : null);
	}

	/** The caller's tenant, as the management API sees it: a migration belongs to it. */
	private String tenant(HttpServletRequest http) {
		return this.tenants.resolveTenant(http);
	}

	/**
	 * The body of {@code POST /migrations}.
	 *
	 * @param name what is migrated
	 */
	public record CreateMigration(String name) {
	}

	/**
	 * The body of {@code POST /migrations/{id}/fail}.
	 *
	 * @param reason what went wrong
	 */
	public record FailMigration(String reason) {
	}

}
