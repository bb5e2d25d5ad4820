package dev.webhooks.receive;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.webhooks.signing.StandardWebhooksScheme;
import dev.webhooks.signing.WebhookSecret;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.webhooks.receive.SignedRequests.SECRET_1;
import static dev.webhooks.receive.SignedRequests.envelope;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile and broken input at the receiver, over real HTTP against a started application on Tomcat and H2: each
 * request is answered with an RFC 9457 problem detail, and nothing is recorded as handled (no row in the
 * idempotency store, no listener called).
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = ReceiverTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:receiver-bad-input;DB_CLOSE_DELAY=-1",
				"webhooks.receiver.sources.anon.max-body-size=256KB" })
class ReceiverBadInputTests extends ReceiverIntegrationTests {

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void headerOf20000SignaturesAnswersAProblemDetailNotTheContainersPage() {
		byte[] body = envelope("evt_many", "migration.completed", "{\"id\":\"mig_1\",\"status\":\"COMPLETED\"}")
			.getBytes(StandardCharsets.UTF_8);
		Map<String, String> headers = new HashMap<>(new StandardWebhooksScheme().sign("msg_many_signatures",
				Instant.now(), body, List.of(WebhookSecret.parse(SECRET_1))));
		String oneWrong = "v1," + "A".repeat(43) + "=";
		headers.put("webhook-signature", (oneWrong + " ").repeat(19_999) + headers.get("webhook-signature"));

		HttpResponse<String> response = this.requests.post(ANON, headers, HttpRequest.BodyPublishers.ofByteArray(body));

		assertProblem(response, 431);
		assertThat(response.body()).contains("header").doesNotContain("<html").doesNotContain("Tomcat");
		assertThat(response.headers().firstValue("Connection")).as("the closed connection is announced").hasValue("close");
		assertNothingHandled("msg_many_signatures");
	}

	@Test
	void idOf60KilobytesAnswersAProblemDetailNotTheContainersPage() {
		byte[] body = envelope("evt_long_id", "migration.completed", "{\"id\":\"mig_2\",\"status\":\"COMPLETED\"}")
			.getBytes(StandardCharsets.UTF_8);
		Map<String, String> headers = new StandardWebhooksScheme().sign("m".repeat(60 * 1024), Instant.now(), body,
				List.of(WebhookSecret.parse(SECRET_1)));

		HttpResponse<String> response = this.requests.post(ANON, headers, HttpRequest.BodyPublishers.ofByteArray(body));

		assertProblem(response, 431);
		assertThat(response.body()).doesNotContain("<html").doesNotContain("m".repeat(100));
		assertNothingHandled("m".repeat(60 * 1024));
	}

	@Test
	void jsonNested5000DeepAnswers400ProblemNamingTheLimit() {
		String deep = "[".repeat(5000) + "]".repeat(5000);
		String body = envelope("evt_deep", "migration.completed", deep);

		HttpResponse<String> response = this.requests.postStandard(ANON, "msg_deep", body, SECRET_1);

		assertProblem(response, 400);
		assertThat(response.body()).contains("nest").doesNotContain("at tools.jackson").doesNotContain("Exception");
		assertNothingHandled("msg_deep");
	}

	@Test
	void payloadOfTheWrongShapeAnswers500NamingTheFieldAndTheListenerLoggedOnceAtWarn(CapturedOutput output) {
		String body = envelope("evt_shape", "payment.received", "{\"id\":\"pay_1\",\"amount\":\"a lot\"}");

		HttpResponse<String> response = this.requests.postStandard(ANON, "msg_wrong_shape", body, SECRET_1);

		assertProblem(response, 500);
		assertThat(response.body()).contains("amount").contains("listeners.onPayment")
			.doesNotContain("a lot").doesNotContain("at tools.jackson");
		assertNothingHandled("msg_wrong_shape");
		assertThat(output.getOut().lines().filter((line) -> line.contains("msg_wrong_shape"))).singleElement()
			.satisfies((line) -> assertThat(line).contains("WARN").contains("amount").contains("listeners.onPayment"));
		assertThat(output.getOut()).doesNotContain("at dev.webhooks.receive.WebhookListenerMethod");
	}

	@Test
	void payloadOfTheWrongShapeIsTakenOnceTheSenderRetriesWithTheRightOne() {
		String wrong = envelope("evt_retry", "payment.received", "{\"id\":\"pay_2\",\"amount\":[1]}");
		String right = envelope("evt_retry", "payment.received", "{\"id\":\"pay_2\",\"amount\":7}");

		HttpResponse<String> first = this.requests.postStandard(ANON, "msg_shape_retry", wrong, SECRET_1);
		HttpResponse<String> retry = this.requests.postStandard(ANON, "msg_shape_retry", right, SECRET_1);

		assertThat(first.statusCode()).isEqualTo(500);
		assertThat(retry.statusCode()).isEqualTo(204);
		assertThat(this.listeners.payments).containsExactly(new ReceiverTestApplication.Payment("pay_2", 7));
	}

	private void assertProblem(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"status\":" + status);
	}

	private void assertNothingHandled(String messageId) {
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM webhook_received WHERE message_id = ?",
				Integer.class, messageId)).isZero();
		assertThat(this.listeners.migrations).isEmpty();
		assertThat(this.listeners.payments).isEmpty();
		assertThat(this.listeners.messages).isEmpty();
	}

}
