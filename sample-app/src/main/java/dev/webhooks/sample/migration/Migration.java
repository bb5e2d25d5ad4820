package dev.webhooks.sample.migration;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonIgnore;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A data migration, stored in the {@code migration} table. It is the REST resource and the {@code data.object} of
 * the {@code migration.*} webhook events, written in snake case as the reference envelopes are.
 *
 * @param id the id, {@code mig_…}
 * @param name what is migrated
 * @param status where it is in its lifecycle
 * @param createdAt when it was created
 * @param startedAt when it started, or {@code null}
 * @param finishedAt when it completed or failed, or {@code null}
 * @param errorMessage why it failed, or {@code null}
 * @param tenantId the tenant it belongs to, whose endpoints get its events; not part of the resource (the
 * envelope carries it as {@code tenant_id})
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Migration(String id, String name, MigrationStatus status, Instant createdAt, Instant startedAt,
		Instant finishedAt, String errorMessage, @JsonIgnore String tenantId) {

	/**
	 * How long it ran, for the one-line summaries: {@code 4.2s}.
	 * @return the run time from start (or creation) to finish, or to now while it runs
	 */
	@JsonIgnore
	public String runTime() {
		Instant from = (this.startedAt != null) ? this.startedAt : this.createdAt;
		Instant to = (this.finishedAt != null) ? this.finishedAt : Instant.now();
		return String.format(Locale.ROOT, "%.1fs", Duration.between(from, to).toMillis() / 1000.0);
	}

}
