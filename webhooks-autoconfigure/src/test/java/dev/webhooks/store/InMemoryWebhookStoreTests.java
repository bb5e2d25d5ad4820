package dev.webhooks.store;

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
