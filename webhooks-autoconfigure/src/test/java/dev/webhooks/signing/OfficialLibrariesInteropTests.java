package dev.webhooks.signing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.webhooks.signing.WebhookVerificationException.Reason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Interop both ways with the official Java libraries, {@code com.svix:svix} and
 * {@code com.standardwebhooks:standardwebhooks}: what we sign they verify, and what they sign we verify. The
 * official verifiers check the timestamp against the clock, so the signatures they verify carry the current time.
 */
class OfficialLibrariesInteropTests {

	private static final String SECRET_TEXT = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

	private static final WebhookSecret SECRET = WebhookSecret.parse(SECRET_TEXT);

	private static final String MESSAGE_ID = "msg_2Lk3nP0aQ9xYzR8tB1cD";

	// non-ASCII on purpose: the libraries sign the UTF-8 bytes of a String, we sign raw bytes
	private static final String BODY = "{\"type\":\"migration.completed\","
			+ "\"text\":\"\u2705 Task tsk_4f8w9n2b completed in 4.2s\",\"data\":{\"object\":{\"name\":\"Caf\u00e9\"}}}";

	private static final Duration TOLERANCE = Duration.ofMinutes(5);

	private final StandardWebhooksScheme scheme = new StandardWebhooksScheme();

	@Test
	void svixVerifiesWhatWeSign() {
		Map<String, String> signed = this.scheme.sign(MESSAGE_ID, Instant.now(), bytes(BODY), List.of(SECRET));

		assertThatNoException().isThrownBy(() -> new com.svix.Webhook(SECRET_TEXT).verify(BODY, multi(signed)));
	}

	@Test
	void svixVerifiesOurSignatureUnderSvixHeaderNames() {
		Map<String, String> signed = this.scheme.sign(MESSAGE_ID, Instant.now(), bytes(BODY), List.of(SECRET));
		Map<String, String> svixNamed = Map.of("svix-id", signed.get("webhook-id"), "svix-timestamp",
				signed.get("webhook-timestamp"), "svix-signature", signed.get("webhook-signature"));

		assertThatNoException().isThrownBy(() -> new com.svix.Webhook(SECRET_TEXT).verify(BODY, multi(svixNamed)));
	}

	@Test
	void svixVerifiesEachSecretOfOurRotationHeaderAndRejectsAStranger() throws Exception {
		WebhookSecret next = WebhookSecret.generate();
		Map<String, String> signed = this.scheme.sign(MESSAGE_ID, Instant.now(), bytes(BODY), List.of(SECRET, next));

		assertThatNoException().isThrownBy(() -> new com.svix.Webhook(SECRET_TEXT).verify(BODY, multi(signed)));
		assertThatNoException().isThrownBy(() -> new com.svix.Webhook(next.reveal()).verify(BODY, multi(signed)));
		assertThatExceptionOfType(com.svix.exceptions.WebhookVerificationException.class)
			.isThrownBy(() -> new com.svix.Webhook(WebhookSecret.generate().reveal()).verify(BODY, multi(signed)));
	}

	@Test
	void svixRejectsOurSignatureOverADifferentBody() {
		Map<String, String> signed = this.scheme.sign(MESSAGE_ID, Instant.now(), bytes(BODY), List.of(SECRET));

		assertThatExceptionOfType(com.svix.exceptions.WebhookVerificationException.class)
			.isThrownBy(() -> new com.svix.Webhook(SECRET_TEXT).verify(BODY.replace("Caf", "Cof"), multi(signed)));
	}

	@Test
	void weVerifyWhatSvixSigns() throws Exception {
		long now = Instant.now().getEpochSecond();
		String signature = new com.svix.Webhook(SECRET_TEXT).sign(MESSAGE_ID, now, BODY);
		Map<String, String> headers = Map.of("svix-id", MESSAGE_ID, "svix-timestamp", Long.toString(now),
				"svix-signature", signature);

		VerifiedSignature verified = this.scheme.verify(WebhookHeaders.of(headers), bytes(BODY), List.of(SECRET),
				TOLERANCE, Instant.ofEpochSecond(now));

		assertThat(verified).isEqualTo(new VerifiedSignature(MESSAGE_ID, Instant.ofEpochSecond(now)));
	}

	@Test
	void svixAndWeAgreeOnTheSpecVector() throws Exception {
		String svix = new com.svix.Webhook(SECRET_TEXT).sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
				"{\"test\": 2432232314}");

		String ours = this.scheme.signatures("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
				bytes("{\"test\": 2432232314}"), List.of(SECRET));

		assertThat(ours).isEqualTo(svix).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
	}

	@Test
	void standardWebhooksVerifiesWhatWeSign() {
		Map<String, String> signed = this.scheme.sign(MESSAGE_ID, Instant.now(), bytes(BODY), List.of(SECRET));

		assertThatNoException()
			.isThrownBy(() -> new com.standardwebhooks.Webhook(SECRET_TEXT).verify(BODY, multi(signed)));
	}

	@Test
	void standardWebhooksVerifiesEachSecretOfOurRotationHeader() throws Exception {
		WebhookSecret next = WebhookSecret.generate(64);
		Map<String, String> signed = this.scheme.sign(MESSAGE_ID, Instant.now(), bytes(BODY), List.of(next, SECRET));

		assertThatNoException()
			.isThrownBy(() -> new com.standardwebhooks.Webhook(SECRET_TEXT).verify(BODY, multi(signed)));
		assertThatNoException()
			.isThrownBy(() -> new com.standardwebhooks.Webhook(next.reveal()).verify(BODY, multi(signed)));
	}

	@Test
	void standardWebhooksRejectsOurSignatureOverADifferentBody() {
		Map<String, String> signed = this.scheme.sign(MESSAGE_ID, Instant.now(), bytes(BODY), List.of(SECRET));

		assertThatExceptionOfType(com.standardwebhooks.exceptions.WebhookVerificationException.class)
			.isThrownBy(() -> new com.standardwebhooks.Webhook(SECRET_TEXT).verify(BODY + " ", multi(signed)));
	}

	@Test
	void weVerifyWhatStandardWebhooksSigns() throws Exception {
		WebhookSecret generated = WebhookSecret.generate();
		long now = Instant.now().getEpochSecond();
		String signature = new com.standardwebhooks.Webhook(generated.reveal()).sign(MESSAGE_ID, now, BODY);
		Map<String, String> headers = Map.of("Webhook-Id", MESSAGE_ID, "Webhook-Timestamp", Long.toString(now),
				"Webhook-Signature", signature);

		VerifiedSignature verified = this.scheme.verify(WebhookHeaders.of(headers), bytes(BODY),
				List.of(SECRET, generated), TOLERANCE, Instant.ofEpochSecond(now));

		assertThat(verified.messageId()).isEqualTo(MESSAGE_ID);
	}

	@Test
	void weRejectWhatStandardWebhooksSignedWithAnotherSecret() throws Exception {
		long now = Instant.now().getEpochSecond();
		String signature = new com.standardwebhooks.Webhook(WebhookSecret.generate().reveal()).sign(MESSAGE_ID, now,
				BODY);
		Map<String, String> headers = Map.of("webhook-id", MESSAGE_ID, "webhook-timestamp", Long.toString(now),
				"webhook-signature", signature);

		WebhookVerificationException ex = catchThrowableOfType(WebhookVerificationException.class,
				() -> this.scheme.verify(WebhookHeaders.of(headers), bytes(BODY), List.of(SECRET), TOLERANCE,
						Instant.ofEpochSecond(now)));

		assertThat(ex.getReason()).isEqualTo(Reason.SIGNATURE_MISMATCH);
	}

	private static byte[] bytes(String body) {
		return body.getBytes(StandardCharsets.UTF_8);
	}

	private static Map<String, List<String>> multi(Map<String, String> headers) {
		Map<String, List<String>> multi = new LinkedHashMap<>();
		headers.forEach((name, value) -> multi.put(name, List.of(value)));
		return multi;
	}

}
