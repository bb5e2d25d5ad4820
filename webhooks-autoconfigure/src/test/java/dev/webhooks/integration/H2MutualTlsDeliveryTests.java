package dev.webhooks.integration;

import dev.webhooks.testsupport.TestDatabases;

/**
 * Client certificates end to end on embedded H2.
 */
class H2MutualTlsDeliveryTests extends MutualTlsDeliveryTests {

	H2MutualTlsDeliveryTests() {
		super(TestDatabases.h2());
	}

}
