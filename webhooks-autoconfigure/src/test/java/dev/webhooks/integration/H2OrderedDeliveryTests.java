package dev.webhooks.integration;

import dev.webhooks.testsupport.TestDatabases;

/**
 * Ordered endpoints on embedded H2; its in-memory databases outlive their applications, so a second application
 * takes over what a stopped one left.
 */
class H2OrderedDeliveryTests extends OrderedDeliveryContractTests {

	H2OrderedDeliveryTests() {
		super(TestDatabases.h2());
	}

}
