package dev.webhooks.recipes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.webhooks.delivery.TestReceiver;
import dev.webhooks.endpoint.CreatedEndpoint;
import dev.webhooks.endpoint.EndpointLimitExceededException;
import dev.webhooks.publish.PublishRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The Anvil recipe (docs/recipes.md, reference/004) against Anvil's documentation: the {@code Anvil-Signature}
 * and {@code Anvil-Event-Id} headers, verified by the Node.js verifier the documentation prints, run under
 * {@code node}; the envelope with {@code tenant_id} and {@code api_version}; 13 attempts over 72 hours; 20
 * endpoints per tenant. One application serves every test, each with a tenant of its own.
 */
class AnvilRecipeTests extends RecipeTestSupport {

	private static final Pattern SIGNATURE = Pattern.compile("t=(\\d+),v1=([0-9a-f]{64})(?:,v1=([0-9a-f]{64}))?");

	private static final Map<String, Object> LEAD = Map.of("id", "lead_01HXAB", "email", "ada@example.com",
			"score", 87, "stage", "qualified");

	@TempDir
	Path temp;

	AnvilRecipeTests() {
		super("anvil");
	}

	@Test
	void aLeadCreatedEventArrivesAsAnvilDocumentsItAndPassesAnvilsOwnNodeVerifier() throws Exception {
		String tenant = "tnt_2f1c9a";
		TestReceiver receiver = receiver(200);
		CreatedEndpoint endpoint = this.app.endpoint(tenant, receiver.url("/webhooks/anvil"), "lead.created");
		Instant before = this.app.clock().instant().minusSeconds(1);

		String eventId = this.app.publisher().publish("lead.created", LEAD, tenant);

		await().atMost(RecipeApp.WAIT).until(() -> receiver.count() == 1);
		TestReceiver.Received request = receiver.requests().get(0);
		assertThat(request.header("Anvil-Event-Id")).isEqualTo(eventId).startsWith("evt_");
		Matcher signature = SIGNATURE.matcher(request.header("Anvil-Signature"));
		assertThat(signature.matches()).as(request.header("Anvil-Signature")).isTrue();
		assertThat(Instant.ofEpochSecond(Long.parseLong(signature.group(1))))
			.as("signed now: within Anvil's 5-minute replay window")
			.isBetween(before, this.app.clock().instant().plusSeconds(1));
		assertThat(signature.group(3)).as("one secret, one signature").isNull();
		assertThat(request.headers()).doesNotContainKeys("webhook-id", "webhook-signature", "webhook-timestamp");
		assertThat(nodeVerifies(request, endpoint.secret().reveal())).isTrue();
		assertThat(nodeVerifies(request, "whsec_not_the_secret_of_this_endpoint")).isFalse();
		JsonNode body = this.json.readTree(request.body());
		assertThat(RecipeApp.propertyNames(body)).containsExactlyInAnyOrder("id", "type", "created", "tenant_id", "data",
				"api_version");
		assertThat(body.get("id").asString()).isEqualTo(eventId);
		assertThat(body.get("type").asString()).isEqualTo("lead.created");
		assertThat(Instant.parse(body.get("created").asString())).isBetween(before, this.app.clock().instant());
		assertThat(body.get("tenant_id").asString()).isEqualTo(tenant);
		assertThat(body.get("api_version").asString()).isEqualTo("2026-01-01");
		assertThat(this.json.convertValue(body.get("data"), Map.class)).isEqualTo(LEAD);
		assertThat(this.app.signaturesLogged(eventId))
			.containsExactly("timestamped-hex: Anvil-Event-Id,Anvil-Signature");
	}

	@Test
	void retriesThirteenTimesOverSeventyTwoHoursWithOneEventId() throws Exception {
		String tenant = "tnt_retries";
		TestReceiver receiver = receiver(503);
		this.app.endpoint(tenant, receiver.url("/webhooks/anvil"));

		String eventId = this.app.publisher().publish("lead.created", LEAD, tenant);

		List<TestReceiver.Received> attempts = this.app.failEveryAttempt(receiver, eventId);
		assertThat(attempts).hasSize(13)
			.allSatisfy((request) -> assertThat(request.header("Anvil-Event-Id")).isEqualTo(eventId));
		List<Instant> signedAt = attempts.stream().map(AnvilRecipeTests::signedAt).toList();
		assertThat(Duration.between(signedAt.get(0), signedAt.get(12)))
			.isBetween(Duration.ofHours(72), Duration.ofHours(72).plusMinutes(1));
		RecipeApp.assertFollowsSchedule(signedAt, List.of(Duration.ZERO, Duration.ofMinutes(1),
				Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1),
				Duration.ofHours(2), Duration.ofHours(4), Duration.ofHours(8), Duration.ofHours(16),
				Duration.ofHours(24), Duration.ofHours(48), Duration.ofHours(72)));
		assertThat(nodeVerifies(attempts.get(12), this.app.endpoints().list(tenant).get(0).secrets().get(0).secret()
			.reveal())).as("the last attempt, signed 72 hours later").isTrue();
	}

	@Test
	void whileASecretRotatesBothSignTheNewOneFirst() throws Exception {
		String tenant = "tnt_rotating";
		TestReceiver receiver = receiver(200);
		CreatedEndpoint endpoint = this.app.endpoint(tenant, receiver.url("/webhooks/anvil"));
		CreatedEndpoint rotated = this.app.endpoints().rotateSecret(tenant, endpoint.endpoint().id());

		this.app.publisher().publish(PublishRequest.builder("lead.stage_changed").data(LEAD).tenant(tenant).build());

		await().atMost(RecipeApp.WAIT).until(() -> receiver.count() == 1);
		TestReceiver.Received request = receiver.requests().get(0);
		Matcher signature = SIGNATURE.matcher(request.header("Anvil-Signature"));
		assertThat(signature.matches()).as(request.header("Anvil-Signature")).isTrue();
		assertThat(nodeVerifies(request, rotated.secret().reveal())).as("Anvil's verifier reads the first v1").isTrue();
		assertThat(signature.group(3)).isEqualTo(hmacHex(endpoint.secret().reveal(), signature.group(1),
				request.body()));
	}

	@Test
	void aTenantHasAtMostTwentyEndpoints() throws IOException {
		String tenant = "tnt_pro";
		TestReceiver receiver = receiver(200);
		for (int i = 0; i < 20; i++) {
			this.app.endpoint(tenant, receiver.url("/webhooks/anvil/" + i));
		}

		assertThatExceptionOfType(EndpointLimitExceededException.class)
			.isThrownBy(() -> this.app.endpoint(tenant, receiver.url("/webhooks/anvil/20")));
		this.app.endpoint("tnt_other", receiver.url("/webhooks/other"));
	}

	private static Instant signedAt(TestReceiver.Received request) {
		Matcher signature = SIGNATURE.matcher(request.header("Anvil-Signature"));
		assertThat(signature.matches()).isTrue();
		return Instant.ofEpochSecond(Long.parseLong(signature.group(1)));
	}

	/** HMAC-SHA256 of {@code <t>.<body>} keyed with the secret text, as Anvil documents it. */
	private static String hmacHex(String secret, String timestamp, byte[] body) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
		return HexFormat.of().formatHex(mac.doFinal(body));
	}

	/** Run reference/004's verifier under Node.js against the request as received. */
	private boolean nodeVerifies(TestReceiver.Received request, String secret) throws Exception {
		NodeVerifier node = NodeVerifier.find();
		Path body = Files.write(Files.createTempFile(this.temp, "body", ".json"), request.body());
		return node.run("anvil-verify.mjs", this.temp, body.toString(), request.header("Anvil-Signature"), secret);
	}

}
