package dev.webhooks.api;

import dev.webhooks.delivery.TestReceiver;
import dev.webhooks.testsupport.PostgresTestDatabase;
import dev.webhooks.testsupport.RequiresPostgres;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live delivery stream on PostgreSQL, in a schema of its own, and with a second instance of the application on
 * the same database.
 */
@RequiresPostgres
@SpringBootTest(classes = ApiTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(PostgresDeliveryStreamTests.DropSchemaOnClose.class)
@DirtiesContext
class PostgresDeliveryStreamTests extends DeliveryStreamContractTests {

	private static String schemaUrl;

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", PostgresDeliveryStreamTests::schemaUrl);
		registry.add("spring.datasource.username", PostgresTestDatabase::user);
		registry.add("spring.datasource.password", PostgresTestDatabase::password);
	}

	private static synchronized String schemaUrl() {
		if (schemaUrl == null) {
			schemaUrl = PostgresTestDatabase.createSchema();
		}
		return schemaUrl;
	}

	/**
	 * Drops the schema when the context closes, after its pollers stopped, so nothing reads a dropped table.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class DropSchemaOnClose implements DisposableBean {

		@Override
		public void destroy() {
			if (schemaUrl != null) {
				PostgresTestDatabase.dropSchema(schemaUrl);
			}
		}

	}

	@Test
	void showsAChangeMadeThroughAnotherInstanceOnTheSameDatabase() throws Exception {
		TestReceiver receiver = closing(TestReceiver.answering(200));
		SseClient stream = stream("acme", null);
		try (ConfigurableApplicationContext other = new SpringApplicationBuilder(ApiTestApplication.class)
			.web(WebApplicationType.SERVLET)
			.properties("server.port=0", "spring.datasource.url=" + schemaUrl(),
					"spring.datasource.username=" + PostgresTestDatabase.user(),
					"spring.datasource.password=" + PostgresTestDatabase.password(), "webhooks.api.enabled=true",
					"webhooks.delivery.url-guard.allow-http=true",
					"webhooks.delivery.url-guard.allow-private-networks=true", "webhooks.store.initialize-schema=always")
			.run()) {
			int otherPort = ((WebServerApplicationContext) other).getWebServer().getPort();
			ApiClient otherApi = new ApiClient(otherPort, "acme");
			String endpointId = endpoint(otherApi, receiver.url());

			String eventId = testEvent(otherApi, endpointId);

			stream.awaitDelivery((json) -> eventId.equals(json.get("id").asString())
					&& "succeeded".equals(json.get("status").asString()));
			assertThat(stream.deliveries()).allMatch((event) -> endpointId.equals(event.json()
				.get("endpoint_id").asString()) || !eventId.equals(event.json().get("id").asString()));
		}
	}

}
