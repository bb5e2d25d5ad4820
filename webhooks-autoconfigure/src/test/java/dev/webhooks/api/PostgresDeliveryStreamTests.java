package dev.webhooks.api;

import dev.webhooks.delivery.TestReceiver;
import dev.webhooks.testsupport.PostgresSchemaPerContext;
import dev.webhooks.testsupport.PostgresTestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live delivery stream on PostgreSQL, in a schema of its own, and with a second instance of the application on
 * the same database.
 */
@PostgresSchemaPerContext
class PostgresDeliveryStreamTests extends DeliveryStreamContractTests {

	@Value("${spring.datasource.url}")
	String schemaUrl;

	@Test
	void showsAChangeMadeThroughAnotherInstanceOnTheSameDatabase() throws Exception {
		TestReceiver receiver = closing(TestReceiver.answering(200));
		SseClient stream = stream("acme", null);
		try (ConfigurableApplicationContext other = new SpringApplicationBuilder(ApiTestApplication.class)
			.web(WebApplicationType.SERVLET)
			.properties("server.port=0", "spring.datasource.url=" + this.schemaUrl,
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
