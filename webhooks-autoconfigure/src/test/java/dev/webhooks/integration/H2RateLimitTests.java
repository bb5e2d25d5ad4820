package dev.webhooks.integration;

import java.util.List;
import java.util.UUID;

/**
 * Per-endpoint rate limits on embedded H2.
 */
class H2RateLimitTests extends RateLimitContractTests {

	@Override
	List<String> newDatabase() {
		return List.of("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
				"spring.datasource.username=sa", "spring.datasource.password=");
	}

}
