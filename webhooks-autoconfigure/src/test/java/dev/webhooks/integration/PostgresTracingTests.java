package dev.webhooks.integration;

import java.util.ArrayList;
import java.util.List;

import dev.webhooks.testsupport.PostgresTestDatabase;
import dev.webhooks.testsupport.RequiresPostgres;

/**
 * {@link TracingTests} on PostgreSQL, each test in a schema of its own.
 */
@RequiresPostgres
class PostgresTracingTests extends TracingTests {

	private final List<String> schemas = new ArrayList<>();

	@Override
	List<String> newDatabase() {
		String schema = PostgresTestDatabase.createSchema();
		this.schemas.add(schema);
		return List.of("spring.datasource.url=" + schema,
				"spring.datasource.username=" + PostgresTestDatabase.user(),
				"spring.datasource.password=" + PostgresTestDatabase.password());
	}

	@Override
	void dropDatabases() {
		this.schemas.forEach(PostgresTestDatabase::dropSchema);
		this.schemas.clear();
	}

	@Override
	String binaryType() {
		return "BYTEA";
	}

}
