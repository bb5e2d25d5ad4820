package dev.webhooks.store;

import dev.webhooks.testsupport.PostgresTestDatabase;
import dev.webhooks.testsupport.RequiresPostgres;

@RequiresPostgres
class PostgresWebhookStoreTests extends JdbcWebhookStoreContractTests {

	@Override
	String jdbcUrl() {
		return PostgresTestDatabase.createSchema();
	}

	@Override
	String username() {
		return PostgresTestDatabase.user();
	}

	@Override
	String password() {
		return PostgresTestDatabase.password();
	}

	@Override
	String platform() {
		return "postgresql";
	}

}
