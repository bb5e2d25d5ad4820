package dev.webhooks.receive;

import java.net.http.HttpResponse;

import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import static dev.webhooks.receive.SignedRequests.SECRET_1;
import static dev.webhooks.receive.SignedRequests.envelope;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code webhooks.receive} observation of every received request, over real HTTP: tagged with the configured
 * source and the outcome, never with the requested path of an unknown source.
 */
@SpringBootTest(classes = { ReceiverTestApplication.class, WebhookReceiveObservationTests.Observed.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:receiver-observed;DB_CLOSE_DELAY=-1",
				"webhooks.receiver.observation-enabled=true" })
class WebhookReceiveObservationTests extends ReceiverIntegrationTests {

	@Autowired
	TestObservationRegistry observations;

	@BeforeEach
	void clearObservations() {
		this.observations.clear();
	}

	@Test
	void verifiedRequestIsObservedWithItsSourceAndOutcome() {
		String body = envelope("evt_1", "migration.completed", "{\"id\":\"mig_1\",\"status\":\"COMPLETED\"}");

		HttpResponse<String> response = this.requests.postStandard(ANON, "msg_observed_1", body, SECRET_1);

		assertThat(response.statusCode()).isEqualTo(204);
		TestObservationRegistryAssert.assertThat(this.observations)
			.hasObservationWithNameEqualTo(DefaultWebhookReceiveObservationConvention.NAME)
			.that()
			.hasBeenStarted()
			.hasBeenStopped()
			.hasContextualNameEqualTo("webhook receive anon")
			.hasLowCardinalityKeyValue("source", "anon")
			.hasLowCardinalityKeyValue("outcome", "verified");
	}

	@Test
	void rejectedSignatureIsObservedAsRejected() {
		String body = envelope("evt_2", "migration.completed", "{\"id\":\"mig_2\",\"status\":\"COMPLETED\"}");

		HttpResponse<String> response = this.requests.postStandard(ANON, "msg_observed_2", body,
				dev.webhooks.signing.WebhookSecret.generate().reveal());

		assertThat(response.statusCode()).isEqualTo(401);
		TestObservationRegistryAssert.assertThat(this.observations)
			.hasObservationWithNameEqualTo(DefaultWebhookReceiveObservationConvention.NAME)
			.that()
			.hasLowCardinalityKeyValue("outcome", "rejected_signature");
	}

	@Test
	void unknownSourceIsTaggedUnknownNotWithItsPath() {
		String body = envelope("evt_3", "migration.completed", "{}");

		HttpResponse<String> response = this.requests.postStandard("/webhooks/incoming/random-7f3a9c", "msg_3", body,
				SECRET_1);

		assertThat(response.statusCode()).isEqualTo(404);
		TestObservationRegistryAssert.assertThat(this.observations)
			.hasObservationWithNameEqualTo(DefaultWebhookReceiveObservationConvention.NAME)
			.that()
			.hasLowCardinalityKeyValue("source", "unknown")
			.hasLowCardinalityKeyValue("outcome", "unknown_source")
			.satisfies((context) -> assertThat(context.getAllKeyValues().stream().map((kv) -> kv.getValue()))
				.noneMatch((value) -> value.contains("random-7f3a9c")));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Observed {

		@Bean
		TestObservationRegistry observationRegistry() {
			return TestObservationRegistry.create();
		}

	}

}
