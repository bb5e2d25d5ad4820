package dev.webhooks.event;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookEnvelopeWriterTests {

	private static final Instant CREATED = Instant.parse("2026-06-18T00:50:40.301173Z");

	private final JsonMapper json = JsonMapper.shared();

	@Test
	void writesTheUnionEnvelopeByDefault() {
		WebhookEnvelopeWriter writer = new WebhookEnvelopeWriter(EnvelopeFormat.builder().apiVersion("2026-01-01").build());

		JsonNode body = parse(writer.write(new EventContent("evt_1", "migration.failed", CREATED, "tnt_1",
				"Migration mig_1 failed", Map.of("id", "mig_1"), "Timeout waiting for element")));

		assertThat(body.propertyNames()).containsExactly("id", "object", "type", "created", "api_version",
				"tenant_id", "text", "data");
		assertThat(body.get("object").asString()).isEqualTo("event");
		assertThat(body.get("created").asString()).isEqualTo("2026-06-18T00:50:40.301173Z");
		assertThat(body.get("api_version").asString()).isEqualTo("2026-01-01");
		assertThat(body.at("/data/object/id").asString()).isEqualTo("mig_1");
		assertThat(body.at("/data/error_message").asString()).isEqualTo("Timeout waiting for element");
	}

	@Test
	void leavesOutEmptyOptionalFields() {
		WebhookEnvelopeWriter writer = new WebhookEnvelopeWriter(EnvelopeFormat.defaults());

		JsonNode body = parse(writer.write(new EventContent("evt_1", "a.b", CREATED, null, null, Map.of(), null)));

		assertThat(body.propertyNames()).containsExactly("id", "object", "type", "created", "data");
		assertThat(body.get("data").propertyNames()).containsExactly("object");
	}

	@Test
	void renamesAndRemovesFieldsAsConfigured() {
		EnvelopeFormat format = EnvelopeFormat.builder()
			.rename(EnvelopeField.TENANT_ID, "tenant")
			.rename(EnvelopeField.DATA_OBJECT, "payload")
			.remove(EnvelopeField.OBJECT)
			.remove(EnvelopeField.TEXT)
			.build();

		JsonNode body = parse(new WebhookEnvelopeWriter(format)
			.write(new EventContent("evt_1", "a.b", CREATED, "t1", "summary", Map.of("k", 1), null)));

		assertThat(body.propertyNames()).containsExactly("id", "type", "created", "tenant", "data");
		assertThat(body.at("/data/payload/k").asInt()).isEqualTo(1);
	}

	@Test
	void sendsThePayloadItselfAsDataWhenNotWrapped() {
		EnvelopeFormat format = EnvelopeFormat.builder().wrapData(false).build();

		JsonNode body = parse(new WebhookEnvelopeWriter(format)
			.write(new EventContent("evt_1", "lead.created", CREATED, "t1", null, Map.of("score", 81), null)));

		assertThat(body.at("/data/score").asInt()).isEqualTo(81);
	}

	@Test
	void replacesAPayloadOverTheLimitWithTruncated() {
		WebhookEnvelopeWriter writer = new WebhookEnvelopeWriter(EnvelopeFormat.builder().maxSize(2048).build());

		byte[] bytes = writer.write(new EventContent("evt_1", "task.completed", CREATED, null, "done",
				Map.of("output", "x".repeat(4000)), null));

		JsonNode body = parse(bytes);
		assertThat(body.at("/data/object").asString()).isEqualTo("__truncated__");
		assertThat(body.get("text").asString()).isEqualTo("done");
		assertThat(bytes.length).isLessThan(2048);
	}

	@Test
	void replacesOnlyTheTruncatedFieldWhenThatIsEnoughAsAnchorDoes() {
		WebhookEnvelopeWriter writer = new WebhookEnvelopeWriter(
				EnvelopeFormat.builder().maxSize(2048).wrapData(false).truncatedField("/output/value").build());

		JsonNode body = parse(writer.write(new EventContent("evt_1", "task.completed", CREATED, null, "done",
				Map.of("execution_id", "exe_1", "output", Map.of("type", "text", "value", "x".repeat(4000))), null)));

		assertThat(body.at("/data/output/value").asString()).isEqualTo("__truncated__");
		assertThat(body.at("/data/output/type").asString()).isEqualTo("text");
		assertThat(body.at("/data/execution_id").asString()).isEqualTo("exe_1");
	}

	@Test
	void replacesTheWholePayloadWhenTheTruncatedFieldIsMissingOrNotEnough() {
		WebhookEnvelopeWriter writer = new WebhookEnvelopeWriter(
				EnvelopeFormat.builder().maxSize(2048).truncatedField("/output/value").build());

		JsonNode missing = parse(writer.write(new EventContent("evt_1", "task.completed", CREATED, null, null,
				Map.of("logs", "x".repeat(4000)), null)));
		JsonNode notEnough = parse(writer.write(new EventContent("evt_2", "task.completed", CREATED, null, null,
				Map.of("logs", "x".repeat(4000), "output", Map.of("value", "y")), null)));

		assertThat(missing.at("/data/object").asString()).isEqualTo("__truncated__");
		assertThat(notEnough.at("/data/object").asString()).isEqualTo("__truncated__");
	}

	@Test
	void keepsAPayloadUnderTheLimit() {
		WebhookEnvelopeWriter writer = new WebhookEnvelopeWriter(EnvelopeFormat.defaults());

		JsonNode body = parse(writer.write(new EventContent("evt_1", "task.completed", CREATED, null, null,
				Map.of("output", "x".repeat(60_000)), null)));

		assertThat(body.at("/data/object/output").asString()).hasSize(60_000);
	}

	@Test
	void masksSensitiveRecordComponentsFieldsAndGetters() {
		WebhookEnvelopeWriter writer = new WebhookEnvelopeWriter(EnvelopeFormat.defaults());

		JsonNode body = parse(writer.write(new EventContent("evt_1", "task.completed", CREATED, null, null,
				new TaskInput("tsk_1", "hunter2", null, new Credentials("key-123")), null)));

		assertThat(body.at("/data/object/id").asString()).isEqualTo("tsk_1");
		assertThat(body.at("/data/object/password").asString()).isEqualTo("*****");
		assertThat(body.at("/data/object/token").asString()).isEqualTo("*****");
		assertThat(body.at("/data/object/credentials/apiKey").asString()).isEqualTo("*****");
		assertThat(new String(writer.write(new EventContent("evt_1", "t.c", CREATED, null, null,
				new TaskInput("tsk_1", "hunter2", null, new Credentials("key-123")), null)), StandardCharsets.UTF_8))
			.doesNotContain("hunter2").doesNotContain("key-123");
	}

	@Test
	void masksCredentialsInTheErrorMessage() {
		WebhookEnvelopeWriter writer = new WebhookEnvelopeWriter(EnvelopeFormat.defaults());

		JsonNode body = parse(writer.write(new EventContent("evt_1", "task.failed", CREATED, null, null, null,
				"HTTP 401 calling api with Bearer sk_live_abcdef123456 and password=hunter2, key AKIAIOSFODNN7EXAMPLE")));

		assertThat(body.at("/data/error_message").asString())
			.isEqualTo("HTTP 401 calling api with Bearer ***** and password=*****, key *****");
	}

	private JsonNode parse(byte[] bytes) {
		return this.json.readTree(bytes);
	}

	record TaskInput(String id, @WebhookSensitive String password, @WebhookSensitive String token,
			Credentials credentials) {
	}

	static class Credentials {

		private final String apiKey;

		Credentials(String apiKey) {
			this.apiKey = apiKey;
		}

		@WebhookSensitive
		public String getApiKey() {
			return this.apiKey;
		}

	}

}
