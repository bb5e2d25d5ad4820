package dev.webhooks.recipes;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.webhooks.delivery.TestReceiver;
import dev.webhooks.endpoint.CreatedEndpoint;
import dev.webhooks.publish.PublishRequest;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Anon recipe (docs/recipes.md, reference/000 and 001) against Anon's documentation: the seven headers with
 * Svix's names and formats, verified by Svix's own library; the envelope {@code {id, object, created, type,
 * data: {object, error_message}}}; two retries. One application serves every test, each with an organisation
 * (tenant) of its own; the test that moves the clock forward runs last, as Svix's library checks timestamps
 * against the real time.
 */
@TestMethodOrder(OrderAnnotation.class)
class AnonRecipeTests extends RecipeTestSupport {

	private static final Map<String, Object> MIGRATION = Map.of("id", "mig_2f9c1d7e4a6b8c03", "name",
			"Acme CRM export", "status", "FAILED");

	AnonRecipeTests() {
		super("anon");
	}

	@Test
	@Order(1)
	void aFailedMigrationArrivesWithTheSevenHeadersAndTheEnvelopeAnonDocuments() throws Exception {
		TestReceiver receiver = receiver(200);
		CreatedEndpoint endpoint = this.app.endpoint("org_acme", receiver.url("/anon/webhooks"), "migration.*");

		String eventId = this.app.publisher().publish(PublishRequest.builder("migration.failed")
			.tenant("org_acme")
			.data(MIGRATION)
			.errorMessage("Source API answered 401")
			.build());

		await().atMost(RecipeApp.WAIT).until(() -> receiver.count() == 1);
		TestReceiver.Received request = receiver.requests().get(0);
		Set<String> names = new TreeSet<>(request.headers().keySet());
		names.removeAll(Set.of("host", "connection"));
		assertThat(names).containsExactly("accept", "content-length", "content-type", "svix-id", "svix-signature",
				"svix-timestamp", "user-agent");
		assertThat(request.header("content-type")).isEqualTo("application/json");
		assertThat(request.header("content-length")).isEqualTo(Integer.toString(request.body().length));
		assertThat(request.header("svix-id")).matches("msg_[0-9A-Z]{26}")
			.isEqualTo("msg_" + eventId.substring("evt_".length()));
		assertThat(request.header("svix-timestamp")).matches("\\d{10}");
		assertThat(request.header("svix-signature")).matches("v1,[A-Za-z0-9+/]{43}=");
		assertThat(request.header("user-agent")).isEqualTo("Anon-Webhooks/1.0");
		SvixVerifier.verifies(request, endpoint.secret().reveal());
		JsonNode body = this.json.readTree(request.body());
		assertThat(RecipeApp.propertyNames(body)).containsExactlyInAnyOrder("id", "object", "created", "type", "data");
		assertThat(body.get("id").asString()).isEqualTo(eventId).matches("evt_[0-9A-Z]{26}");
		assertThat(body.get("object").asString()).isEqualTo("event");
		assertThat(body.get("type").asString()).isEqualTo("migration.failed");
		assertThat(Instant.parse(body.get("created").asString())).isBeforeOrEqualTo(this.app.clock().instant());
		assertThat(RecipeApp.propertyNames(body.get("data"))).containsExactlyInAnyOrder("object", "error_message");
		assertThat(this.json.convertValue(body.at("/data/object"), Map.class)).isEqualTo(MIGRATION);
		assertThat(body.at("/data/error_message").asString()).isEqualTo("Source API answered 401");
		assertThat(this.app.signaturesLogged(eventId))
			.containsExactly("standard-webhooks: svix-id,svix-timestamp,svix-signature");
	}

	@Test
	@Order(2)
	void aCompletedMigrationHasNoErrorMessage() throws Exception {
		TestReceiver receiver = receiver(200);
		this.app.endpoint("org_globex", receiver.url("/anon/webhooks"));

		this.app.publisher().publish("migration.completed", Map.of("id", "mig_1", "status", "COMPLETE"), "org_globex");

		await().atMost(RecipeApp.WAIT).until(() -> receiver.count() == 1);
		JsonNode body = this.json.readTree(receiver.requests().get(0).body());
		assertThat(RecipeApp.propertyNames(body.get("data"))).containsExactly("object");
	}

	@Test
	@Order(3)
	void retriesTwiceWithExponentialBackOffUnderOneMessageId() throws Exception {
		TestReceiver receiver = receiver(503);
		CreatedEndpoint endpoint = this.app.endpoint("org_initech", receiver.url("/anon/webhooks"));

		String eventId = this.app.publisher().publish("migration.started", Map.of("id", "mig_1"), "org_initech");

		List<TestReceiver.Received> attempts = this.app.failEveryAttempt(receiver, eventId);
		assertThat(attempts).hasSize(3);
		RecipeApp.assertFollowsSchedule(attempts.stream()
			.map((request) -> Instant.ofEpochSecond(Long.parseLong(request.header("svix-timestamp"))))
			.toList(), List.of(Duration.ZERO, Duration.ofSeconds(5), Duration.ofSeconds(5 + 300)));
		for (TestReceiver.Received request : attempts) {
			assertThat(request.header("svix-id")).isEqualTo(attempts.get(0).header("svix-id"));
			SvixVerifier.signedForItsAttempt(request, endpoint.secret().reveal());
		}
	}

}
