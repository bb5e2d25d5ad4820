package dev.webhooks.store;

import dev.webhooks.testsupport.InMemoryWebhookStore;

/**
 * The store contract on the in-memory store the other packages' tests use, so that it behaves as the JDBC store.
 */
class InMemoryWebhookStoreTests extends WebhookStoreContractTests {

	private InMemoryWebhookStore store;

	@Override
	void createStore() {
		this.store = new InMemoryWebhookStore();
		this.endpoints = this.store;
		this.deliveries = this.store;
	}

	@Override
	int attemptCount() {
		return this.store.attempts().size();
	}

}
