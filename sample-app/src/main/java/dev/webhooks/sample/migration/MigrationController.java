package dev.webhooks.sample.migration;

import java.net.URI;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The migrations REST API. Every POST is one transition and publishes one {@code migration.*} webhook event.
 */
@RestController
@RequestMapping("/migrations")
public class MigrationController {

	private final MigrationService migrations;

	public MigrationController(MigrationService migrations) {
		this.migrations = migrations;
	}

	@PostMapping
	public ResponseEntity<Migration> create(@RequestBody(required = false) CreateMigration request) {
		String name = (request != null && request.name() != null) ? request.name() : "Unnamed migration";
		Migration migration = this.migrations.create(name);
		return ResponseEntity.created(URI.create("/migrations/" + migration.id())).body(migration);
	}

	@GetMapping("/{id}")
	public Migration get(@PathVariable String id) {
		return this.migrations.get(id);
	}

	@PostMapping("/{id}/start")
	public Migration start(@PathVariable String id) {
		return this.migrations.start(id);
	}

	@PostMapping("/{id}/complete")
	public Migration complete(@PathVariable String id) {
		return this.migrations.complete(id);
	}

	@PostMapping("/{id}/fail")
	public Migration fail(@PathVariable String id, @RequestBody(required = false) FailMigration request) {
		return this.migrations.fail(id, (request != null) ? request.reason() : null);
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
