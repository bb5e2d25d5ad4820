package dev.webhooks.publish;

import java.util.UUID;

class H2OutboxWebhookPublisherTests extends OutboxWebhookPublisherContractTests {

	@Override
	String[] databaseProperties() {
		return new String[] { "spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
				"spring.datasource.username=sa" };
	}

}
