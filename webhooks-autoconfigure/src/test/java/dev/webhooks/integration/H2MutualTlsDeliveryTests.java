package dev.webhooks.integration;

import java.util.List;
import java.util.UUID;

/**
 * Client certificates end to end on embedded H2.
 */
class H2MutualTlsDeliveryTests extends MutualTlsDeliveryTests {

	@Override
	List<String> newDatabase() {
		return List.of("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
				"spring.datasource.username=sa", "spring.datasource.password=");
	}

}
