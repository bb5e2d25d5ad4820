package dev.webhooks.recipes;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

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
 * The media-processing task API recipe (docs/recipes.md, reference/003) against its documentation: the
 * {@code svix-id}, {@code svix-timestamp} and {@code svix-signature} headers verified by Svix's library with the
 * {@code whsec_} secret of the create response, the envelope with {@code event_type} and only {@code data.task},
 * and Svix's retry schedule. One application serves every test, each with a user (tenant) of its own; the test
 * that moves the clock forward runs last, as Svix's library checks timestamps against the real time.
 */
@TestMethodOrder(OrderAnnotation.class)
class MediaTasksRecipeTests extends RecipeTestSupport {

	private static final Map<String, Object> TASK = Map.of("id", "task_8c1f", "status", "completed", "features",
			List.of(Map.of("name", "transcript", "status", "completed")));

	MediaTasksRecipeTests() {
		super("media-tasks");
	}

	@Test
	@Order(1)
	void aCompletedTaskArrivesWithEventTypeAndOnlyDataTaskSignedBySvixRules() throws Exception {
		TestReceiver receiver = receiver(200);
		CreatedEndpoint endpoint = this.app.endpoint("usr_1", receiver.url("/webhooks/media"), "task.*");
		assertThat(endpoint.secret().reveal()).startsWith("whsec_");

		String eventId = this.app.publisher().publish("task.completed", TASK, "usr_1");

		await().atMost(RecipeApp.WAIT).until(() -> receiver.count() == 1);
		TestReceiver.Received request = receiver.requests().get(0);
		assertThat(request.headers()).containsKeys("svix-id", "svix-timestamp", "svix-signature")
			.doesNotContainKeys("webhook-id", "webhook-timestamp", "webhook-signature");
		assertThat(request.header("svix-id")).isEqualTo("msg_" + eventId.substring("evt_".length()));
		SvixVerifier.verifies(request, endpoint.secret().reveal());
		JsonNode body = this.json.readTree(request.body());
		assertThat(RecipeApp.propertyNames(body)).containsExactlyInAnyOrder("id", "event_type", "created", "data");
		assertThat(body.get("event_type").asString()).isEqualTo("task.completed");
		assertThat(RecipeApp.propertyNames(body.get("data"))).containsExactly("task");
		assertThat(this.json.convertValue(body.at("/data/task"), Map.class)).isEqualTo(TASK);
	}

	@Test
	@Order(2)
	void aFailedTaskCarriesItsErrorMessageNextToTheTask() throws Exception {
		TestReceiver receiver = receiver(200);
		this.app.endpoint("usr_2", receiver.url("/webhooks/media"), "task.failed");

		this.app.publisher().publish(PublishRequest.builder("task.failed").tenant("usr_2").data(TASK)
			.errorMessage("transcript failed: unsupported codec").build());

		await().atMost(RecipeApp.WAIT).until(() -> receiver.count() == 1);
		JsonNode body = this.json.readTree(receiver.requests().get(0).body());
		assertThat(body.get("event_type").asString()).isEqualTo("task.failed");
		assertThat(body.at("/data/task/id").asString()).isEqualTo("task_8c1f");
		assertThat(body.at("/data/error_message").asString()).isEqualTo("transcript failed: unsupported codec");
	}

	@Test
	@Order(3)
	void retriesOnSvixsScheduleUnderOneMessageId() throws Exception {
		TestReceiver receiver = receiver(503);
		CreatedEndpoint endpoint = this.app.endpoint("usr_3", receiver.url("/webhooks/media"));

		String eventId = this.app.publisher().publish("task.progress", TASK, "usr_3");

		List<TestReceiver.Received> attempts = this.app.failEveryAttempt(receiver, eventId);
		// at once, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h after the attempt before
		RecipeApp.assertFollowsSchedule(attempts.stream()
			.map((request) -> Instant.ofEpochSecond(Long.parseLong(request.header("svix-timestamp"))))
			.toList(), List.of(Duration.ZERO, Duration.ofSeconds(5), Duration.parse("PT5M5S"),
					Duration.parse("PT35M5S"), Duration.parse("PT2H35M5S"), Duration.parse("PT7H35M5S"),
					Duration.parse("PT17H35M5S"), Duration.parse("PT27H35M5S")));
		for (TestReceiver.Received request : attempts) {
			assertThat(request.header("svix-id")).isEqualTo(attempts.get(0).header("svix-id"));
			SvixVerifier.signedForItsAttempt(request, endpoint.secret().reveal());
		}
	}

}
