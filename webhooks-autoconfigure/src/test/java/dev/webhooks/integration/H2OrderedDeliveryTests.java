package dev.webhooks.integration;

import java.util.List;
import java.util.UUID;

/**
 * Ordered endpoints on embedded H2; its in-memory databases outlive their applications ({@code DB_CLOSE_DELAY=-1}),
 * so a second application takes over what a stopped one left.
 */
class H2OrderedDeliveryTests extends OrderedDeliveryContractTests {

	@Override
	List<String> newDatabase() {
		return List.of("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
				"spring.datasource.username=sa", "spring.datasource.password=");
	}

}
