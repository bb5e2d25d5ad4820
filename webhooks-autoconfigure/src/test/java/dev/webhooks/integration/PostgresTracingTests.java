package dev.webhooks.integration;

import dev.webhooks.testsupport.RequiresPostgres;
import dev.webhooks.testsupport.TestDatabases;

/**
 * {@link TracingTests} on PostgreSQL, each test in a schema of its own.
 */
@RequiresPostgres
class PostgresTracingTests extends TracingTests {

	PostgresTracingTests() {
		super(TestDatabases.postgres());
	}

}
