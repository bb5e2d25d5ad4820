package dev.webhooks.sample.migration;

import java.util.Arrays;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * A transition asked of a migration in the wrong status, such as completing one that never started; answered 409
 * with a problem detail. Its transaction rolls back, so no webhook event is published.
 */
public class IllegalMigrationTransitionException extends ErrorResponseException {

	IllegalMigrationTransitionException(Migration migration, MigrationStatus... allowed) {
		super(HttpStatus.CONFLICT);
		setDetail("Migration " + migration.id() + " is " + migration.status() + "; this needs "
				+ String.join(" or ", Arrays.stream(allowed).map(Enum::name).toList()));
	}

}
