package dev.webhooks.receive;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.webhooks.receive.ReceiverTestApplication.Migration;
import dev.webhooks.signing.StandardWebhooksScheme;
import dev.webhooks.signing.TimestampedHexScheme;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static dev.webhooks.receive.SignedRequests.SECRET_1;
import static dev.webhooks.receive.SignedRequests.SECRET_2;
import static dev.webhooks.receive.SignedRequests.envelope;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every status code of the receiving endpoint, over real HTTP against a started application on H2.
 */
@SpringBootTest(classes = ReceiverTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:receiver-http;DB_CLOSE_DELAY=-1")
class WebhookReceiverHttpTests extends ReceiverIntegrationTests {

	@Test
	void verifiedAndHandledAnswers204AndPassesDataObjectAsRecord() {
		String body = envelope("evt_1", "migration.completed", "{\"id\":\"mig_1\",\"status\":\"COMPLETED\"}");

		HttpResponse<String> response = this.requests.postStandard(ANON, "msg_handled_1", body, SECRET_1);

		assertThat(response.statusCode()).isEqualTo(204);
		assertThat(this.listeners.migrations).containsExactly(new Migration("mig_1", "COMPLETED"));
		WebhookMessage message = this.listeners.messages.get(0);
		assertThat(message.id()).isEqualTo("msg_handled_1");
		assertThat(message.type()).isEqualTo("migration.completed");
		assertThat(message.source()).isEqualTo("anon");
		assertThat(message.bodyAsString()).isEqualTo(body);
		assertThat(message.headers().getFirst("webhook-id")).isEqualTo("msg_handled_1");
		assertThat(message.timestamp()).isBetween(Instant.now().minusSeconds(10), Instant.now());
		assertThat(this.meterRegistry.get("webhooks.received").tag("source", "anon").tag("outcome", "verified")
			.counter().count()).isGreaterThanOrEqualTo(1);
		assertThat(this.meterRegistry.get("webhooks.listener").tag("listener", "listeners.onMigration").timer()
			.count()).isGreaterThanOrEqualTo(1);
	}

	@Test
	void prefixWildcardMatchesEventTypes() {
		String body = envelope("evt_2", "migration_task.started", "{\"id\":\"task_1\",\"status\":\"RUNNING\"}");

		HttpResponse<String> response = this.requests.postStandard(ANON, "msg_wildcard", body, SECRET_1);

		assertThat(response.statusCode()).isEqualTo(204);
		assertThat(this.listeners.migrations).containsExactly(new Migration("task_1", "RUNNING"));
	}

	@Test
	void requestSignedWithTheSecondSecretVerifies() {
		String body = envelope("evt_3", "migration.completed", "{\"id\":\"mig_2\",\"status\":\"COMPLETED\"}");

		HttpResponse<String> response = this.requests.postStandard(ANON, "msg_second_secret", body, SECRET_2);

		assertThat(response.statusCode()).isEqualTo(204);
		assertThat(this.listeners.migrations).hasSize(1);
	}

	@Test
	void headerWithAnUnknownSecretAndAKnownOneVerifies() {
		String body = envelope("evt_4", "migration.completed", "{\"id\":\"mig_3\",\"status\":\"COMPLETED\"}");
		String unknown = dev.webhooks.signing.WebhookSecret.generate().reveal();

		HttpResponse<String> response = this.requests.postStandard(ANON, "msg_rotation", body, unknown, SECRET_2);

		assertThat(response.statusCode()).isEqualTo(204);
	}

	@Test
	void sameIdAgainAnswers200WithoutCallingTheListenerAgain() {
		String body = envelope("evt_5", "migration.completed", "{\"id\":\"mig_4\",\"status\":\"COMPLETED\"}");

		HttpResponse<String> first = this.requests.postStandard(ANON, "msg_twice", body, SECRET_1);
		HttpResponse<String> second = this.requests.postStandard(ANON, "msg_twice", body, SECRET_2);

		assertThat(first.statusCode()).isEqualTo(204);
		assertThat(second.statusCode()).isEqualTo(200);
		assertThat(this.listeners.migrations).hasSize(1);
		assertThat(this.meterRegistry.get("webhooks.received").tag("source", "anon").tag("outcome", "duplicate")
			.counter().count()).isGreaterThanOrEqualTo(1);
	}

	@Test
	void wrongSecretAnswers401ProblemWithoutTheSecret() {
		String body = envelope("evt_6", "migration.completed", "{\"id\":\"mig_5\",\"status\":\"COMPLETED\"}");
		String other = dev.webhooks.signing.WebhookSecret.generate().reveal();

		HttpResponse<String> response = this.requests.postStandard(ANON, "msg_bad_sig", body, other);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"status\":401").contains("No signature")
			.doesNotContain(SECRET_1.substring(6)).doesNotContain(SECRET_2.substring(6))
			.doesNotContain(other.substring(6));
		assertThat(this.listeners.migrations).isEmpty();
	}

	@Test
	void missingSignatureAnswers401() {
		String body = envelope("evt_7", "migration.completed", "{\"id\":\"mig_6\",\"status\":\"COMPLETED\"}");

		HttpResponse<String> response = this.requests.post(ANON,
				Map.of("webhook-id", "msg_unsigned", "webhook-timestamp", Long.toString(Instant.now().getEpochSecond())),
				HttpRequest.BodyPublishers.ofString(body));

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).contains("webhook-signature header is missing");
	}

	@Test
	void timestampOutsideToleranceEitherWayAnswers401() {
		String body = envelope("evt_8", "migration.completed", "{\"id\":\"mig_7\",\"status\":\"COMPLETED\"}");
		StandardWebhooksScheme scheme = new StandardWebhooksScheme();

		HttpResponse<String> old = this.requests.postSigned(ANON, scheme, "msg_old", Instant.now().minusSeconds(301),
				body, SECRET_1);
		// the header carries whole seconds: rounding down could bring "now + 301 s" within 300 s of the server's
		// clock by the time it verifies, so the future timestamp is at least 301 s ahead when it arrives
		Instant future301 = Instant.ofEpochSecond(Instant.now().getEpochSecond() + 302);
		HttpResponse<String> future = this.requests.postSigned(ANON, scheme, "msg_future", future301, body,
				SECRET_1);

		assertThat(old.statusCode()).isEqualTo(401);
		assertThat(future.statusCode()).isEqualTo(401);
		assertThat(this.listeners.migrations).isEmpty();
		assertThat(this.meterRegistry.get("webhooks.received").tag("outcome", "rejected_timestamp").counter().count())
			.isGreaterThanOrEqualTo(2);
	}

	@Test
	void unknownSourceAnswers404() {
		String body = envelope("evt_9", "migration.completed", "{}");

		HttpResponse<String> response = this.requests.postStandard("/webhooks/incoming/nobody", "msg_404", body,
				SECRET_1);

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).contains("\"status\":404").contains("/webhooks/incoming/nobody");
	}

	@Test
	void bodyOverTheLimitAnswers413() {
		String body = envelope("evt_10", "migration.completed",
				"{\"id\":\"" + "x".repeat(2000) + "\",\"status\":\"COMPLETED\"}");

		HttpResponse<String> response = this.requests.postStandard(ANON, "msg_large", body, SECRET_1);

		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(this.listeners.migrations).isEmpty();
	}

	@Test
	void chunkedBodyOverTheLimitAnswers413WithoutAContentLength() {
		byte[] body = envelope("evt_11", "migration.completed", "{\"id\":\"" + "y".repeat(2000) + "\"}")
			.getBytes(StandardCharsets.UTF_8);
		Map<String, String> headers = new StandardWebhooksScheme().sign("msg_chunked", Instant.now(), body,
				java.util.List.of(dev.webhooks.signing.WebhookSecret.parse(SECRET_1)));

		// an input stream publisher has no known length, so the client sends it chunked
		HttpResponse<String> response = this.requests.post(ANON, headers,
				HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));

		assertThat(response.statusCode()).isEqualTo(413);
	}

	@Test
	void bodyThatIsNotJsonAnswers400() {
		HttpResponse<String> response = this.requests.postStandard(ANON, "msg_not_json", "not json {", SECRET_1);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("not JSON");
	}

	@Test
	void bodyWithoutTypeAnswers400() {
		HttpResponse<String> response = this.requests.postStandard(ANON, "msg_no_type", "{\"id\":\"evt_12\"}",
				SECRET_1);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("type");
	}

	@Test
	void typeWithoutListenerAnswers204() {
		HttpResponse<String> response = this.requests.postStandard(ANON, "msg_nobody_listens",
				envelope("evt_13", "link.opened", "{}"), SECRET_1);

		assertThat(response.statusCode()).isEqualTo(204);
		assertThat(this.listeners.messages).isEmpty();
	}

	@Test
	void failingListenerAnswers500AndTheRetryIsHandledAgain() {
		this.listeners.failuresLeft.set(1);
		String body = envelope("evt_14", "fail.test", "{}");

		HttpResponse<String> failed = this.requests.postStandard(ANON, "msg_fails_once", body, SECRET_1);
		HttpResponse<String> retried = this.requests.postStandard(ANON, "msg_fails_once", body, SECRET_1);
		HttpResponse<String> again = this.requests.postStandard(ANON, "msg_fails_once", body, SECRET_1);

		assertThat(failed.statusCode()).isEqualTo(500);
		assertThat(failed.body()).contains("not recorded as handled").doesNotContain("on purpose");
		assertThat(retried.statusCode()).isEqualTo(204);
		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(this.listeners.failingCalls).hasValue(2);
		assertThat(this.listeners.messages).hasSize(1);
	}

	@Test
	void payloadBindsToMapJsonNodeAndPojoAndEnvelopeToJsonNode() {
		this.requests.postStandard(ANON, "msg_map", envelope("evt_15", "map.test", "{\"a\":1}"), SECRET_1);
		this.requests.postStandard(ANON, "msg_node", envelope("evt_16", "node.test", "{\"b\":[1,2]}"), SECRET_1);
		HttpResponse<String> lead = this.requests.postStandard(ANON, "msg_lead",
				"{\"id\":\"evt_17\",\"type\":\"lead.created\",\"data\":{\"name\":\"Ada\"}}", SECRET_1);

		assertThat(this.listeners.maps).containsExactly(Map.of("a", 1));
		assertThat(this.listeners.envelopes.get(0).get("id").asString()).isEqualTo("evt_15");
		assertThat(this.listeners.nodes.get(0).get("b").size()).isEqualTo(2);
		assertThat(lead.statusCode()).isEqualTo(204);
		assertThat(this.listeners.leads).singleElement().extracting(ReceiverTestApplication.Lead::getName)
			.isEqualTo("Ada");
	}

	@Test
	void timestampedHexSchemeVerifiesAndDeduplicatesOnTheHeaderId() {
		TimestampedHexScheme scheme = new TimestampedHexScheme("Anvil-Signature", "Anvil-Event-Id");
		String body = envelope("evt_18", "lead.created", "{}");

		HttpResponse<String> first = this.requests.postSigned("/webhooks/incoming/anvil", scheme, "anvil_evt_1",
				Instant.now(), body, "anvil-plain-text-secret");
		HttpResponse<String> second = this.requests.postSigned("/webhooks/incoming/anvil", scheme, "anvil_evt_1",
				Instant.now(), body, "anvil-plain-text-secret");
		HttpResponse<String> wrong = this.requests.postSigned("/webhooks/incoming/anvil", scheme, "anvil_evt_2",
				Instant.now(), body, "another-secret");

		assertThat(first.statusCode()).isEqualTo(204);
		assertThat(second.statusCode()).isEqualTo(200);
		assertThat(wrong.statusCode()).isEqualTo(401);
		assertThat(this.listeners.anvil).singleElement().extracting(WebhookMessage::id).isEqualTo("anvil_evt_1");
	}

	@Test
	void timestampedHexWithoutIdHeaderDeduplicatesOnTheEnvelopeId() {
		TimestampedHexScheme scheme = new TimestampedHexScheme("Anvil-Signature", "X-Not-Sent");
		String body = envelope("evt_envelope_id", "lead.created", "{}");

		HttpResponse<String> first = this.requests.postSigned("/webhooks/incoming/anvil", scheme, "ignored",
				Instant.now(), body, "anvil-plain-text-secret");
		HttpResponse<String> second = this.requests.postSigned("/webhooks/incoming/anvil", scheme, "ignored",
				Instant.now(), body, "anvil-plain-text-secret");

		assertThat(first.statusCode()).isEqualTo(204);
		assertThat(second.statusCode()).isEqualTo(200);
		assertThat(this.listeners.anvil).singleElement().extracting(WebhookMessage::id).isEqualTo("evt_envelope_id");
	}

	@Test
	void sourceWithItsOwnPathIsServedThereOnly() {
		String body = envelope("evt_19", "anything.at.all", "{}");

		HttpResponse<String> own = this.requests.postStandard("/custom/hooks", "msg_custom", body, SECRET_1);
		HttpResponse<String> base = this.requests.postStandard("/webhooks/incoming/custom", "msg_custom_2", body,
				SECRET_1);

		assertThat(own.statusCode()).isEqualTo(204);
		assertThat(base.statusCode()).isEqualTo(404);
	}

}
