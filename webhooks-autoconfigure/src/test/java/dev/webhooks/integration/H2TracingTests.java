package dev.webhooks.integration;

import java.util.List;
import java.util.UUID;

/**
 * {@link TracingTests} on embedded H2; the in-memory database outlives its first application context.
 */
class H2TracingTests extends TracingTests {

	@Override
	List<String> newDatabase() {
		return List.of("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
				"spring.datasource.username=sa", "spring.datasource.password=");
	}

	@Override
	String binaryType() {
		return "VARBINARY";
	}

}
