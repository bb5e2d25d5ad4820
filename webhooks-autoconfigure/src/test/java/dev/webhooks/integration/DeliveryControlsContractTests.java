package dev.webhooks.integration;

import java.time.Duration;
import java.util.List;

import dev.webhooks.integration.DeliveryControlsApps.Database;
import org.junit.jupiter.api.AfterEach;

/**
 * What the contract tests of ordered endpoints and rate limits share: the applications and receivers of a test,
 * closed after it, on the database a subclass names.
 */
abstract class DeliveryControlsContractTests {

	static final Duration WAIT = Duration.ofSeconds(120);

	final DeliveryControlsApps apps = new DeliveryControlsApps(database());

	/**
	 * The database the tests run on.
	 * @return the database
	 */
	abstract Database database();

	/**
	 * A new, empty database that outlives the applications on it.
	 * @return its {@code spring.datasource.*} properties
	 */
	List<String> newDatabase() {
		return this.apps.newDatabase();
	}

	@AfterEach
	void close() {
		this.apps.close();
	}

}
