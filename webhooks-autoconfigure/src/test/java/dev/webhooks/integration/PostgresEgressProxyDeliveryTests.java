package dev.webhooks.integration;

import dev.webhooks.testsupport.RequiresPostgres;
import dev.webhooks.testsupport.TestDatabases;

/**
 * The egress proxy end to end on PostgreSQL, each test in a schema of its own.
 */
@RequiresPostgres
class PostgresEgressProxyDeliveryTests extends EgressProxyDeliveryTests {

	PostgresEgressProxyDeliveryTests() {
		super(TestDatabases.postgres());
	}

}
