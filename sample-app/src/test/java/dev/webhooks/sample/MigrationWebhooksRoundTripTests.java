package dev.webhooks.sample;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.webhooks.endpoint.EndpointRequest;
import dev.webhooks.endpoint.WebhookEndpoints;
import dev.webhooks.receive.WebhookListener;
import dev.webhooks.receive.WebhookMessage;
import dev.webhooks.signing.StandardWebhooksScheme;
import dev.webhooks.signing.VerifiedSignature;
import dev.webhooks.signing.WebhookHeaders;
import dev.webhooks.signing.WebhookSecret;
import dev.webhooks.signing.WebhookVerificationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample's round trip on a started application: a REST call changes a migration, its {@code @WebhookEvent}
 * publishes, the delivery engine signs and POSTs to the static endpoint {@code sample-self} of application.yml,
 * and the sample's own receiver verifies it and calls the listener.
 */
// in memory: the shipped file database under ./data would keep what each run leaves (SampleCrashTests runs on it)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:round-trip;DB_CLOSE_DELAY=-1")
@ExtendWith(OutputCaptureExtension.class)
class MigrationWebhooksRoundTripTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Value("${webhooks.endpoints[0].secrets[0]}")
	String endpointSecret;

	@Autowired
	ReceivedMigrationEvents received;

	@Autowired
	JdbcClient jdbc;

	@Test
	void createdAndCompletedMigrationArriveSignedAtTheListener(CapturedOutput output) throws Exception {
		// given a migration created and started through the REST API
		String id = post("/migrations", Map.of("name", "Acme CRM export")).get("id").stringValue();
		post("/migrations/" + id + "/start", null);

		// when it is completed
		JsonNode completed = post("/migrations/" + id + "/complete", null);

		// then the listener gets migration.created and migration.completed, each signed with the endpoint's secret
		assertThat(completed.get("status").stringValue()).isEqualTo("COMPLETE");
		WebhookMessage created = await().atMost(Duration.ofSeconds(10))
			.until(() -> this.received.find("migration.created", id), (message) -> message != null);
		WebhookMessage done = await().atMost(Duration.ofSeconds(10))
			.until(() -> this.received.find("migration.completed", id), (message) -> message != null);
		for (WebhookMessage message : List.of(created, done)) {
			VerifiedSignature signature = verifyWithEndpointSecret(message);
			JsonNode envelope = json.readTree(message.body());
			assertThat(signature.messageId()).isEqualTo(envelope.get("id").stringValue()).startsWith("evt_");
			assertThat(envelope.get("data").get("object").get("id").stringValue()).isEqualTo(id);
		}
		JsonNode doneEnvelope = json.readTree(done.body());
		assertThat(doneEnvelope.get("data").get("object").get("status").stringValue()).isEqualTo("COMPLETE");
		// with only what migration.completed's schema declares: the migration's error_message is stripped
		assertThat(doneEnvelope.get("data").get("object").propertyNames()).containsExactlyInAnyOrder("id", "name",
				"status", "created_at", "started_at", "finished_at");
		assertThat(doneEnvelope.get("text").stringValue()).matches("✅ Migration " + id + " completed in \\d+\\.\\ds");
		// and the sample's listener logged each one as handled
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(output.getOut())
				.contains("Verified and handled migration.created " + created.id())
				.contains("Verified and handled migration.completed " + done.id()));
	}

	@Test
	void failedMigrationCarriesTheReasonAsErrorMessage() throws Exception {
		// given a started migration
		String id = post("/migrations", Map.of("name", "Legacy ERP")).get("id").stringValue();
		post("/migrations/" + id + "/start", null);

		// when it fails with a reason
		post("/migrations/" + id + "/fail", Map.of("reason", "Source API answered 401"));

		// then migration.failed arrives with the reason as data.error_message and in the text
		WebhookMessage failed = await().atMost(Duration.ofSeconds(10))
			.until(() -> this.received.find("migration.failed", id), (message) -> message != null);
		verifyWithEndpointSecret(failed);
		JsonNode envelope = json.readTree(failed.body());
		assertThat(envelope.get("data").get("error_message").stringValue()).isEqualTo("Source API answered 401");
		assertThat(envelope.get("data").get("object").get("status").stringValue()).isEqualTo("FAILED");
		assertThat(envelope.get("text").stringValue()).startsWith("❌ Migration " + id + " failed after ")
			.endsWith(": Source API answered 401");
	}

	@Test
	void transitionFromTheWrongStatusIsRefusedAndPublishesNothing() {
		// given a migration that never started
		String id = post("/migrations", Map.of("name", "Not started")).get("id").stringValue();
		long completedEventsBefore = countEvents("migration.completed");

		// when it is completed
		ResponseEntity<String> response = client()
			.post()
			.uri("/migrations/" + id + "/complete")
			.exchange((request, answer) -> ResponseEntity.status(answer.getStatusCode())
				.headers(answer.getHeaders())
				.body(new String(answer.getBody().readAllBytes(), StandardCharsets.UTF_8)));

		// then the API answers 409 with a problem detail, and the rolled-back transition left no event in the outbox
		assertThat(response.getStatusCode().value()).isEqualTo(409);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(json.readTree(response.getBody()).get("detail").stringValue())
			.isEqualTo("Migration " + id + " is PENDING; this needs WORKING");
		assertThat(countEvents("migration.completed")).isEqualTo(completedEventsBefore);
	}

	@Test
	void aMigrationBelongsToItsCreatorsTenantAndAnonymousCallsAreRefused() {
		// given a migration alice (tenant acme) created
		String id = post("/migrations", Map.of("name", "Acme only")).get("id").stringValue();

		// then bob (tenant globex) does not find it, and a call without credentials is refused
		RestClient bob = RestClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultHeaders((headers) -> headers.setBasicAuth("bob", "bob"))
			.build();
		assertThat(status(bob.get().uri("/migrations/" + id))).isEqualTo(404);
		assertThat(status(bob.post().uri("/migrations/" + id + "/start"))).isEqualTo(404);
		assertThat(status(RestClient.create("http://localhost:" + this.port).get().uri("/migrations/" + id)))
			.isEqualTo(401);
		assertThat(status(client().get().uri("/migrations/" + id))).isEqualTo(200);
	}

	private static int status(RestClient.RequestHeadersSpec<?> request) {
		return request.exchange((req, answer) -> answer.getStatusCode().value());
	}

	/** The migrations API as alice, of tenant acme, whose endpoints include sample-self. */
	private RestClient client() {
		return RestClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultHeaders((headers) -> headers.setBasicAuth("alice", "alice"))
			.build();
	}

	private VerifiedSignature verifyWithEndpointSecret(WebhookMessage message) throws WebhookVerificationException {
		return new StandardWebhooksScheme().verify(WebhookHeaders.from(message.headers()::getFirst), message.body(),
				List.of(WebhookSecret.parse(this.endpointSecret)), Duration.ofMinutes(5), Instant.now());
	}

	private long countEvents(String type) {
		return this.jdbc.sql("SELECT COUNT(*) FROM webhook_event WHERE event_type = ?")
			.param(type)
			.query(Long.class)
			.single();
	}

	private JsonNode post(String path, Object body) {
		RestClient.RequestBodySpec request = client()
			.post()
			.uri(path)
			.contentType(MediaType.APPLICATION_JSON);
		if (body != null) {
			request.body(body);
		}
		return json.readTree(request.retrieve().body(String.class));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class RoundTripTestConfiguration {

		@Bean
		ReceivedMigrationEvents receivedMigrationEvents() {
			return new ReceivedMigrationEvents();
		}

		/**
		 * The static endpoint is registered while the context starts, before the random port is known, so its
		 * {@code ${server.port}} is still 0; once the server listens, point the same endpoint (secret and
		 * subscriptions from application.yml untouched) at the real port through the endpoint service.
		 */
		@Bean
		ApplicationListener<WebServerInitializedEvent> sampleSelfEndpointOnRandomPort(WebhookEndpoints endpoints) {
			return (event) -> {
				String url = "http://localhost:" + event.getWebServer().getPort() + "/webhooks/incoming/anon";
				endpoints.update("acme", "sample-self", new EndpointRequest(url, null, null, null, null));
			};
		}

	}

	/**
	 * A second listener on the sample's source that keeps what it received, for the assertions.
	 */
	static class ReceivedMigrationEvents {

		private final List<WebhookMessage> messages = new CopyOnWriteArrayList<>();

		@WebhookListener(source = "anon", events = "migration.*")
		void record(WebhookMessage message) {
			this.messages.add(message);
		}

		WebhookMessage find(String type, String migrationId) {
			for (WebhookMessage message : this.messages) {
				JsonNode object = json.readTree(message.body()).get("data").get("object");
				if (message.type().equals(type) && migrationId.equals(object.get("id").stringValue())) {
					return message;
				}
			}
			return null;
		}

	}

}
