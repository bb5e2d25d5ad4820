package dev.webhooks.integration;

import dev.webhooks.testsupport.RequiresPostgres;
import dev.webhooks.testsupport.TestDatabases;

/**
 * Payload filters end to end on PostgreSQL, each test in a schema of its own.
 */
@RequiresPostgres
class PostgresPayloadFilterDeliveryTests extends PayloadFilterDeliveryTests {

	PostgresPayloadFilterDeliveryTests() {
		super(TestDatabases.postgres());
	}

}
