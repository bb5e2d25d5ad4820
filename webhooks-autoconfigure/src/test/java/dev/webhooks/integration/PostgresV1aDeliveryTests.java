package dev.webhooks.integration;

import java.util.ArrayList;
import java.util.List;

import dev.webhooks.testsupport.PostgresTestDatabase;
import dev.webhooks.testsupport.RequiresPostgres;

/** {@code v1a} end to end with the provider on PostgreSQL, in a schema of its own. */
@RequiresPostgres
class PostgresV1aDeliveryTests extends V1aDeliveryTests {

	private final List<String> schemas = new ArrayList<>();

	@Override
	List<String> newDatabase() {
		String url = PostgresTestDatabase.createSchema();
		this.schemas.add(url);
		return List.of("spring.datasource.url=" + url,
				"spring.datasource.username=" + PostgresTestDatabase.user(),
				"spring.datasource.password=" + PostgresTestDatabase.password());
	}

	@Override
	void databaseUnused() {
		this.schemas.forEach(PostgresTestDatabase::dropSchema);
		this.schemas.clear();
	}

}
