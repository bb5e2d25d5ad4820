package dev.webhooks.integration;

import dev.webhooks.testsupport.RequiresPostgres;
import dev.webhooks.testsupport.TestDatabases;

/**
 * {@code v1a} end to end with the provider on PostgreSQL, in a schema of its own.
 */
@RequiresPostgres
class PostgresV1aDeliveryTests extends V1aDeliveryTests {

	PostgresV1aDeliveryTests() {
		super(TestDatabases.postgres());
	}

}
