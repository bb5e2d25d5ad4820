package dev.webhooks.integration;

import dev.webhooks.integration.DeliveryControlsApps.Database;

/**
 * Ordered endpoints on embedded H2; its in-memory databases outlive their applications, so a second application
 * takes over what a stopped one left.
 */
class H2OrderedDeliveryTests extends OrderedDeliveryContractTests {

	@Override
	Database database() {
		return Database.H2;
	}

}
