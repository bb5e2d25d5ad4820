package dev.webhooks.integration;

import dev.webhooks.testsupport.TestDatabases;

/**
 * The provider side end to end on embedded H2. The in-memory databases outlive their application contexts
 * ({@code DB_CLOSE_DELAY=-1}), so a second application can take over what a stopped one left.
 */
class H2ProviderIntegrationTests extends ProviderIntegrationTests {

	H2ProviderIntegrationTests() {
		super(TestDatabases.h2());
	}

}
