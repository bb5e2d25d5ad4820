package dev.webhooks.integration;

import java.util.List;
import java.util.UUID;

/** {@code v1a} end to end with the provider on embedded H2. */
class H2V1aDeliveryTests extends V1aDeliveryTests {

	@Override
	List<String> newDatabase() {
		return List.of("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
				"spring.datasource.username=sa", "spring.datasource.password=");
	}

}
