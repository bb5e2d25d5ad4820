package dev.webhooks.integration;

import dev.webhooks.testsupport.TestDatabases;

/**
 * The egress proxy end to end on embedded H2.
 */
class H2EgressProxyDeliveryTests extends EgressProxyDeliveryTests {

	H2EgressProxyDeliveryTests() {
		super(TestDatabases.h2());
	}

}
