package dev.webhooks.sample.migration;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * No migration has the id asked for; answered 404 with a problem detail.
 */
public class MigrationNotFoundException extends ErrorResponseException {

	MigrationNotFoundException(String id) {
		super(HttpStatus.NOT_FOUND);
		setDetail("No migration " + id);
	}

}
