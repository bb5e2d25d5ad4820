package dev.webhooks.publish;

import dev.webhooks.testsupport.PostgresTestDatabase;
import dev.webhooks.testsupport.RequiresPostgres;

@RequiresPostgres
class PostgresOutboxWebhookPublisherTests extends OutboxWebhookPublisherContractTests {

	@Override
	String[] databaseProperties() {
		return new String[] { "spring.datasource.url=" + PostgresTestDatabase.createSchema(),
				"spring.datasource.username=" + PostgresTestDatabase.user(),
				"spring.datasource.password=" + PostgresTestDatabase.password(),
				"webhooks.store.initialize-schema=always" };
	}

}
