package dev.webhooks.integration;

import dev.webhooks.testsupport.TestDatabases;

/**
 * Payload filters end to end on embedded H2.
 */
class H2PayloadFilterDeliveryTests extends PayloadFilterDeliveryTests {

	H2PayloadFilterDeliveryTests() {
		super(TestDatabases.h2());
	}

}
