package dev.webhooks.integration;

import dev.webhooks.testsupport.TestDatabases;

/**
 * {@code v1a} end to end with the provider on embedded H2.
 */
class H2V1aDeliveryTests extends V1aDeliveryTests {

	H2V1aDeliveryTests() {
		super(TestDatabases.h2());
	}

}
