package dev.webhooks.store;

import java.util.UUID;

class H2WebhookStoreTests extends JdbcWebhookStoreContractTests {

	@Override
	String jdbcUrl() {
		return "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
	}

	@Override
	String username() {
		return "sa";
	}

	@Override
	String platform() {
		return "h2";
	}

}
