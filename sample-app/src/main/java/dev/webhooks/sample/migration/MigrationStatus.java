package dev.webhooks.sample.migration;

/**
 * Where a migration is in its lifecycle; each change is published as a webhook event.
 */
public enum MigrationStatus {

	/** Created, not started yet ({@code migration.created}). */
	PENDING,

	/** Running ({@code migration.started}). */
	WORKING,

	/** Finished ({@code migration.completed}). */
	COMPLETE,

	/** Stopped with an error ({@code migration.failed}). */
	FAILED

}
