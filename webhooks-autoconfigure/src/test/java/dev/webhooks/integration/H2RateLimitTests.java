package dev.webhooks.integration;

import dev.webhooks.testsupport.TestDatabases;

/**
 * Per-endpoint rate limits on embedded H2; its in-memory databases outlive their applications, so a second application
 * takes over what a stopped one left.
 */
class H2RateLimitTests extends RateLimitContractTests {

	H2RateLimitTests() {
		super(TestDatabases.h2());
	}

}
