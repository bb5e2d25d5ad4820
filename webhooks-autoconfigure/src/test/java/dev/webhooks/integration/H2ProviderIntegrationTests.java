package dev.webhooks.integration;

import java.util.List;
import java.util.UUID;

/**
 * The provider side end to end on embedded H2. The in-memory databases outlive their application contexts
 * ({@code DB_CLOSE_DELAY=-1}), so a second application can take over what a stopped one left.
 */
class H2ProviderIntegrationTests extends ProviderIntegrationTests {

	@Override
	List<String> newDatabase() {
		return List.of("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
				"spring.datasource.username=sa", "spring.datasource.password=");
	}

}
