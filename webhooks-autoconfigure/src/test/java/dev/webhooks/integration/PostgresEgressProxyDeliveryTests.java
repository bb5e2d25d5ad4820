package dev.webhooks.integration;

import java.util.List;

import dev.webhooks.testsupport.PostgresTestDatabase;
import dev.webhooks.testsupport.RequiresPostgres;

/**
 * The egress proxy end to end on PostgreSQL, each test in a schema of its own.
 */
@RequiresPostgres
class PostgresEgressProxyDeliveryTests extends EgressProxyDeliveryTests {

	@Override
	List<String> newDatabase() {
		return List.of("spring.datasource.url=" + PostgresTestDatabase.createSchema(),
				"spring.datasource.username=" + PostgresTestDatabase.user(),
				"spring.datasource.password=" + PostgresTestDatabase.password());
	}

	@Override
	void dropDatabase(List<String> database) {
		PostgresTestDatabase.dropSchema(database.get(0).substring("spring.datasource.url=".length()));
	}

}
