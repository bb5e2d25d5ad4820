package dev.webhooks.integration;

import dev.webhooks.testsupport.RequiresPostgres;
import dev.webhooks.testsupport.TestDatabases;

/**
 * Client certificates end to end on PostgreSQL, each test in a schema of its own.
 */
@RequiresPostgres
class PostgresMutualTlsDeliveryTests extends MutualTlsDeliveryTests {

	PostgresMutualTlsDeliveryTests() {
		super(TestDatabases.postgres());
	}

}
