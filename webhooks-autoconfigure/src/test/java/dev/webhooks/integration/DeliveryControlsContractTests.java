package dev.webhooks.integration;

import java.time.Duration;

import dev.webhooks.testsupport.TestDatabases;

/**
 * What the contract tests of ordered endpoints and rate limits share: the applications and receivers of a test,
 * closed after it, on the database a subclass names.
 */
abstract class DeliveryControlsContractTests extends ProviderAppTests {

	static final Duration WAIT = Duration.ofSeconds(120);

	/** Applications start with fast test timings: outcomes written every 20 ms, retries after 200 and 400 ms. */
	DeliveryControlsContractTests(TestDatabases databases) {
		super(databases, "webhooks.delivery.retry.schedule=0s,200ms,400ms",
				"webhooks.delivery.outcome-flush-interval=20ms");
	}

}
