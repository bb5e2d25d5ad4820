package dev.webhooks.integration;

import java.util.List;

import dev.webhooks.delivery.TestReceiver;
import dev.webhooks.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterEach;

/**
 * What the end-to-end tests of provider applications share: the {@link ProviderApps} of each test, on the database
 * a subclass names, closed after it. A contract class passes its properties; its H2 and PostgreSQL subclasses pass
 * only their {@link TestDatabases}.
 */
abstract class ProviderAppTests {

	final ProviderApps apps;

	/**
	 * Tests on the given databases.
	 * @param databases the databases of the H2 or PostgreSQL subclass
	 * @param defaults the contract's properties of every application, after {@link ProviderApps#BASE}
	 */
	ProviderAppTests(TestDatabases databases, String... defaults) {
		this.apps = new ProviderApps(databases, defaults);
	}

	/**
	 * A new, empty database that outlives the applications on it, until the test ends.
	 * @return its {@code spring.datasource.*} properties
	 */
	List<String> newDatabase() {
		return this.apps.newDatabase();
	}

	/**
	 * Start an application on a new database.
	 * @param overrides properties of this test
	 * @return the application
	 */
	ProviderApp start(String... overrides) {
		return this.apps.start(overrides);
	}

	/**
	 * Start an application on the given database.
	 * @param database properties from {@link #newDatabase()}
	 * @param overrides properties of this test
	 * @return the application
	 */
	ProviderApp start(List<String> database, String... overrides) {
		return this.apps.start(database, overrides);
	}

	/**
	 * Close a receiver after the test, before the applications.
	 * @param receiver the receiver
	 * @return the receiver
	 */
	TestReceiver receiver(TestReceiver receiver) {
		return this.apps.closing(receiver);
	}

	@AfterEach
	void closeApps() throws Exception {
		this.apps.close();
	}

}
