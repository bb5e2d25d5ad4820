package dev.webhooks.recipes;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.webhooks.delivery.TestReceiver;
import dev.webhooks.endpoint.CreatedEndpoint;
import dev.webhooks.endpoint.EndpointLimitExceededException;
import dev.webhooks.publish.PublishRequest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The Anchor recipe (docs/recipes.md, reference/002) against Anchor's documentation: {@code Anchor-Timestamp} and
 * {@code Anchor-Signature: v1=<hex>} of {@code v0:{timestamp}:{raw body}}, checked by an implementation of that
 * sentence written here with {@code javax.crypto}; the {@code text} field; the retry table; 4xx not retried; 64 KB
 * with {@code output.value} truncated; 5 endpoints per project. One application serves every test, each with a
 * project (tenant) of its own.
 */
class AnchorRecipeTests extends RecipeTestSupport {

	private static final String TEXT = "✅ Task tsk_4f8w9n2b completed in 4.2s";

	AnchorRecipeTests() {
		super("anchor", AnchorSignatureScheme.class);
	}

	@Test
	void aTaskEventArrivesWithAnchorsHeadersSignatureAndTextField() throws Exception {
		TestReceiver receiver = receiver(200);
		CreatedEndpoint endpoint = this.app.endpoint("prj_signed", receiver.url("/anchor/webhooks"), "task.*");
		Instant before = this.app.clock().instant().minusSeconds(1);

		String eventId = this.app.publisher().publish(task("prj_signed", Map.of("type", "text", "value", "42")));

		await().atMost(RecipeApp.WAIT).until(() -> receiver.count() == 1);
		TestReceiver.Received request = receiver.requests().get(0);
		String timestamp = request.header("Anchor-Timestamp");
		assertThat(Instant.ofEpochSecond(Long.parseLong(timestamp))).isBetween(before,
				this.app.clock().instant().plusSeconds(1));
		assertThat(request.header("Anchor-Signature")).matches("v1=[0-9a-f]{64}")
			.isEqualTo("v1=" + anchorHmac(endpoint.secret().reveal(), timestamp, request.body()));
		assertThat(request.headers()).doesNotContainKeys("webhook-id", "webhook-signature", "webhook-timestamp",
				"svix-id", "svix-signature");
		assertThat(request.header("content-type")).isEqualTo("application/json");
		JsonNode body = this.json.readTree(request.body());
		assertThat(RecipeApp.propertyNames(body)).containsExactlyInAnyOrder("id", "type", "created", "text", "data");
		assertThat(body.get("id").asString()).isEqualTo(eventId).startsWith("evt_");
		assertThat(body.get("text").asString()).isEqualTo(TEXT);
		assertThat(body.at("/data/execution_id").asString()).isEqualTo("exe_7d2k");
		assertThat(body.at("/data/output/value").asString()).isEqualTo("42");
		assertThat(this.app.signaturesLogged(eventId)).singleElement().asString().startsWith("anchor: ")
			.contains("Anchor-Timestamp").contains("Anchor-Signature");
	}

	@Test
	void retriesAfterFiveFifteenThirtyFiftyAndEightySecondsThenTheDeliveryIsDead() throws Exception {
		TestReceiver receiver = receiver(503);
		CreatedEndpoint endpoint = this.app.endpoint("prj_retries", receiver.url("/anchor/webhooks"));

		String eventId = this.app.publisher().publish(task("prj_retries", Map.of("value", "42")));

		List<TestReceiver.Received> attempts = this.app.failEveryAttempt(receiver, eventId);
		List<Instant> signedAt = attempts.stream()
			.map((request) -> Instant.ofEpochSecond(Long.parseLong(request.header("Anchor-Timestamp"))))
			.toList();
		RecipeApp.assertFollowsSchedule(signedAt, List.of(Duration.ZERO, Duration.ofSeconds(5),
				Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofSeconds(50), Duration.ofSeconds(80)));
		for (TestReceiver.Received request : attempts) {
			assertThat(request.body()).as("the same top-level id and bytes").isEqualTo(attempts.get(0).body());
			assertThat(request.header("Anchor-Signature")).as("signed for its own attempt")
				.isEqualTo("v1=" + anchorHmac(endpoint.secret().reveal(), request.header("Anchor-Timestamp"),
						request.body()));
		}
	}

	@Test
	void aConflictIsNotRetried() throws Exception {
		TestReceiver receiver = receiver(409);
		this.app.endpoint("prj_conflict", receiver.url("/anchor/webhooks"));

		String eventId = this.app.publisher().publish(task("prj_conflict", Map.of("value", "42")));

		await().atMost(RecipeApp.WAIT).until(() -> "FAILED".equals(this.app.jdbc().queryForObject(
				"SELECT status FROM webhook_delivery WHERE event_id = ?", String.class, eventId)));
		assertThat(receiver.count()).isOne();
	}

	@Test
	void anOutputLargerThanSixtyFourKilobytesIsSentAsTruncated() throws Exception {
		TestReceiver receiver = receiver(200);
		this.app.endpoint("prj_large", receiver.url("/anchor/webhooks"));

		this.app.publisher().publish(task("prj_large", Map.of("type", "text", "value", "x".repeat(70 * 1024))));

		await().atMost(RecipeApp.WAIT).until(() -> receiver.count() == 1);
		TestReceiver.Received request = receiver.requests().get(0);
		assertThat(request.body().length).isLessThanOrEqualTo(64 * 1024);
		JsonNode body = this.json.readTree(request.body());
		assertThat(body.at("/data/output/value").asString()).isEqualTo("__truncated__");
		assertThat(body.at("/data/output/type").asString()).isEqualTo("text");
		assertThat(body.at("/data/execution_id").asString()).isEqualTo("exe_7d2k");
	}

	@Test
	void forTwentyFourHoursAfterARotationBothSecretsSignThenOnlyTheNewOne() throws Exception {
		TestReceiver receiver = receiver(503, 200);
		CreatedEndpoint endpoint = this.app.endpoint("prj_rotating", receiver.url("/anchor/webhooks"));
		CreatedEndpoint rotated = this.app.endpoints().rotateSecret("prj_rotating", endpoint.endpoint().id());

		this.app.publisher().publish(task("prj_rotating", Map.of("value", "42")));
		await().atMost(RecipeApp.WAIT).until(() -> receiver.count() == 1);
		// the retry falls due after 5 s; sent 25 hours later, the old secret has expired by then
		this.app.clock().advanceTo(this.app.clock().instant().plus(Duration.ofHours(25)));

		await().atMost(RecipeApp.WAIT).until(() -> receiver.count() == 2);
		TestReceiver.Received during = receiver.requests().get(0);
		String duringTimestamp = during.header("Anchor-Timestamp");
		assertThat(during.header("Anchor-Signature")).isEqualTo("v1="
				+ anchorHmac(rotated.secret().reveal(), duringTimestamp, during.body()) + ",v1="
				+ anchorHmac(endpoint.secret().reveal(), duringTimestamp, during.body()));
		TestReceiver.Received after = receiver.requests().get(1);
		assertThat(after.header("Anchor-Signature")).isEqualTo(
				"v1=" + anchorHmac(rotated.secret().reveal(), after.header("Anchor-Timestamp"), after.body()));
	}

	@Test
	void aProjectHasAtMostFiveEndpoints() throws Exception {
		TestReceiver receiver = receiver(200);
		for (int i = 0; i < 5; i++) {
			this.app.endpoint("prj_full", receiver.url("/anchor/" + i));
		}

		assertThatExceptionOfType(EndpointLimitExceededException.class)
			.isThrownBy(() -> this.app.endpoint("prj_full", receiver.url("/anchor/5")));
	}

	private static PublishRequest task(String project, Map<String, Object> output) {
		return PublishRequest.builder("task.completed")
			.tenant(project)
			.text(TEXT)
			.data(Map.of("execution_id", "exe_7d2k", "task_id", "tsk_4f8w9n2b", "status", "completed", "output",
					output))
			.build();
	}

	/** "Compute an HMAC-SHA256 of v0:{Anchor-Timestamp}:{raw_body_bytes} using your signing secret." */
	private static String anchorHmac(String secret, String timestamp, byte[] rawBody) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
		return HexFormat.of().formatHex(mac.doFinal(rawBody));
	}

}
