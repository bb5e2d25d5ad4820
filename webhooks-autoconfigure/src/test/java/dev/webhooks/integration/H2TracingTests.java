package dev.webhooks.integration;

import dev.webhooks.testsupport.TestDatabases;

/**
 * {@link TracingTests} on embedded H2; the in-memory database outlives its first application context.
 */
class H2TracingTests extends TracingTests {

	H2TracingTests() {
		super(TestDatabases.h2());
	}

}
