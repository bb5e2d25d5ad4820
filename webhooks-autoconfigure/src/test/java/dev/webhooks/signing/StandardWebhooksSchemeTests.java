package dev.webhooks.signing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.webhooks.signing.WebhookVerificationException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class StandardWebhooksSchemeTests {

	private static final WebhookSecret SPEC_SECRET = WebhookSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

	private static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";

	private static final Instant SPEC_TIME = Instant.ofEpochSecond(1614265330);

	private static final byte[] SPEC_BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

	private static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

	private static final Duration TOLERANCE = Duration.ofMinutes(5);

	private final StandardWebhooksScheme scheme = new StandardWebhooksScheme();

	@Test
	void signsTheSpecVector() {
		Map<String, String> headers = this.scheme.sign(SPEC_ID, SPEC_TIME, SPEC_BODY, List.of(SPEC_SECRET));

		assertThat(headers).containsExactly(Map.entry("webhook-id", SPEC_ID),
				Map.entry("webhook-timestamp", "1614265330"), Map.entry("webhook-signature", SPEC_SIGNATURE));
	}

	@Test
	void verifiesTheSpecVector() throws Exception {
		VerifiedSignature verified = this.scheme.verify(specHeaders(SPEC_SIGNATURE), SPEC_BODY, List.of(SPEC_SECRET),
				TOLERANCE, SPEC_TIME);

		assertThat(verified).isEqualTo(new VerifiedSignature(SPEC_ID, SPEC_TIME));
	}

	@Test
	void rejectsABodyChangedByOneByte() {
		byte[] changed = "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8);

		WebhookVerificationException ex = failure(specHeaders(SPEC_SIGNATURE), changed, List.of(SPEC_SECRET),
				SPEC_TIME);

		assertThat(ex.getReason()).isEqualTo(Reason.SIGNATURE_MISMATCH);
		assertThat(ex.getMessage()).doesNotContain("g0hM9SsE");
	}

	@Test
	void signsTheExactRawBytesNotAReformattedBody() throws Exception {
		byte[] raw = "{ \"name\" : \"Caf\u00e9 \u2615\",\n\t\"n\": 1 }".getBytes(StandardCharsets.UTF_8);
		byte[] compact = "{\"name\":\"Caf\u00e9 \u2615\",\"n\":1}".getBytes(StandardCharsets.UTF_8);
		Map<String, String> signed = this.scheme.sign(SPEC_ID, SPEC_TIME, raw, List.of(SPEC_SECRET));

		assertThat(this.scheme.verify(WebhookHeaders.of(signed), raw, List.of(SPEC_SECRET), TOLERANCE, SPEC_TIME))
			.isNotNull();
		assertThat(failure(WebhookHeaders.of(signed), compact, List.of(SPEC_SECRET), SPEC_TIME).getReason())
			.isEqualTo(Reason.SIGNATURE_MISMATCH);
	}

	@Test
	void skipsSignaturesOfOtherVersions() throws Exception {
		String signature = SPEC_SIGNATURE.substring("v1,".length());
		String header = "v2," + signature + " v1a," + signature + " " + SPEC_SIGNATURE;

		VerifiedSignature verified = this.scheme.verify(specHeaders(header), SPEC_BODY, List.of(SPEC_SECRET),
				TOLERANCE, SPEC_TIME);

		assertThat(verified.messageId()).isEqualTo(SPEC_ID);
	}

	@Test
	void rejectsAHeaderWithOnlyOtherVersions() {
		String signature = SPEC_SIGNATURE.substring("v1,".length());

		WebhookVerificationException ex = failure(specHeaders("v2," + signature + " v1a," + signature), SPEC_BODY,
				List.of(SPEC_SECRET), SPEC_TIME);

		assertThat(ex.getReason()).isEqualTo(Reason.MALFORMED_HEADER);
		assertThat(ex.getMessage()).isEqualTo("The webhook-signature header holds no v1 signature");
	}

	@ParameterizedTest
	@ValueSource(strings = { "v1,not*base64!", "v1", "garbage", ",,,", "v1:" })
	void rejectsMalformedSignatureValues(String header) {
		WebhookVerificationException ex = failure(specHeaders(header), SPEC_BODY, List.of(SPEC_SECRET), SPEC_TIME);

		assertThat(ex.getReason()).isEqualTo(Reason.MALFORMED_HEADER);
	}

	@Test
	void aMalformedEntryDoesNotHideAValidOne() throws Exception {
		VerifiedSignature verified = this.scheme.verify(specHeaders("v1,not*base64! garbage " + SPEC_SIGNATURE),
				SPEC_BODY, List.of(SPEC_SECRET), TOLERANCE, SPEC_TIME);

		assertThat(verified.timestamp()).isEqualTo(SPEC_TIME);
	}

	@Test
	void rejectsAWellFormedSignatureOfTheWrongLength() {
		WebhookVerificationException ex = failure(specHeaders("v1,AAAA"), SPEC_BODY, List.of(SPEC_SECRET), SPEC_TIME);

		assertThat(ex.getReason()).isEqualTo(Reason.SIGNATURE_MISMATCH);
	}

	@ParameterizedTest
	@ValueSource(strings = { "abc", "1614265330.5", "-1614265330", "+1614265330", "0x60376a32", "9223372036854775807",
			"99999999999999999999999" })
	void rejectsMalformedTimestamps(String timestamp) {
		Map<String, String> headers = Map.of("webhook-id", SPEC_ID, "webhook-timestamp", timestamp,
				"webhook-signature", SPEC_SIGNATURE);

		WebhookVerificationException ex = failure(WebhookHeaders.of(headers), SPEC_BODY, List.of(SPEC_SECRET),
				SPEC_TIME);

		assertThat(ex.getReason()).isEqualTo(Reason.MALFORMED_HEADER);
	}

	@Test
	void rejectsATimestampBeyondWhatAnInstantHolds() {
		// 18 digits fit a long but lie past Instant.MAX, which used to escape as an unchecked DateTimeException
		Map<String, String> headers = Map.of("webhook-id", SPEC_ID, "webhook-timestamp", "999999999999999999",
				"webhook-signature", SPEC_SIGNATURE);

		WebhookVerificationException ex = failure(WebhookHeaders.of(headers), SPEC_BODY, List.of(SPEC_SECRET),
				SPEC_TIME);

		assertThat(ex.getReason()).isEqualTo(Reason.MALFORMED_HEADER);
		assertThat(ex.getMessage()).contains("out of range");
	}

	@Test
	void rejectsMissingHeaders() {
		for (String missing : List.of("webhook-id", "webhook-timestamp", "webhook-signature")) {
			Map<String, String> headers = new LinkedHashMap<>(
					this.scheme.sign(SPEC_ID, SPEC_TIME, SPEC_BODY, List.of(SPEC_SECRET)));
			headers.remove(missing);

			WebhookVerificationException ex = failure(WebhookHeaders.of(headers), SPEC_BODY, List.of(SPEC_SECRET),
					SPEC_TIME);

			assertThat(ex.getReason()).isEqualTo(Reason.MISSING_HEADER);
			assertThat(ex.getMessage()).isEqualTo("The " + missing + " header is missing");
		}
	}

	@Test
	void rejectsATimestamp301SecondsOld() {
		WebhookVerificationException ex = failure(specHeaders(SPEC_SIGNATURE), SPEC_BODY, List.of(SPEC_SECRET),
				SPEC_TIME.plusSeconds(301));

		assertThat(ex.getReason()).isEqualTo(Reason.TIMESTAMP_OUT_OF_TOLERANCE);
		assertThat(ex.getMessage()).isEqualTo("The webhook timestamp is 301 s old; the tolerance is 300 s");
	}

	@Test
	void rejectsATimestamp301SecondsInTheFuture() {
		WebhookVerificationException ex = failure(specHeaders(SPEC_SIGNATURE), SPEC_BODY, List.of(SPEC_SECRET),
				SPEC_TIME.minusSeconds(301));

		assertThat(ex.getReason()).isEqualTo(Reason.TIMESTAMP_OUT_OF_TOLERANCE);
		assertThat(ex.getMessage()).contains("301 s far in the future");
	}

	@Test
	void acceptsATimestamp299SecondsOffEitherWay() throws Exception {
		for (Instant now : List.of(SPEC_TIME.plusSeconds(299), SPEC_TIME.minusSeconds(299), SPEC_TIME.plusSeconds(300),
				SPEC_TIME.minusSeconds(300))) {
			assertThat(this.scheme.verify(specHeaders(SPEC_SIGNATURE), SPEC_BODY, List.of(SPEC_SECRET), TOLERANCE, now))
				.isEqualTo(new VerifiedSignature(SPEC_ID, SPEC_TIME));
		}
	}

	@Test
	void honoursAConfiguredTolerance() {
		WebhookVerificationException ex = catchThrowableOfType(WebhookVerificationException.class,
				() -> this.scheme.verify(specHeaders(SPEC_SIGNATURE), SPEC_BODY, List.of(SPEC_SECRET),
						Duration.ofSeconds(30), SPEC_TIME.plusSeconds(31)));

		assertThat(ex.getReason()).isEqualTo(Reason.TIMESTAMP_OUT_OF_TOLERANCE);
	}

	@Test
	void signingWithSeveralSecretsGivesOneSignatureEach() throws Exception {
		WebhookSecret next = WebhookSecret.generate();

		Map<String, String> signed = this.scheme.sign(SPEC_ID, SPEC_TIME, SPEC_BODY, List.of(SPEC_SECRET, next));

		String[] entries = signed.get("webhook-signature").split(" ");
		assertThat(entries).hasSize(2);
		assertThat(entries[0]).isEqualTo(SPEC_SIGNATURE);
		assertThat(this.scheme.verify(specHeaders(entries[1]), SPEC_BODY, List.of(next), TOLERANCE, SPEC_TIME))
			.isNotNull();
		assertThat(failure(specHeaders(entries[1]), SPEC_BODY, List.of(SPEC_SECRET), SPEC_TIME).getReason())
			.isEqualTo(Reason.SIGNATURE_MISMATCH);
	}

	@Test
	void verifiesAMultiSignatureHeaderWhenAnyEntryMatches() throws Exception {
		String other = this.scheme.signatures(SPEC_ID, 1614265330, SPEC_BODY, List.of(WebhookSecret.generate()));

		VerifiedSignature verified = this.scheme.verify(specHeaders(other + "  " + SPEC_SIGNATURE + " "), SPEC_BODY,
				List.of(SPEC_SECRET), TOLERANCE, SPEC_TIME);

		assertThat(verified.messageId()).isEqualTo(SPEC_ID);
	}

	@Test
	void entriesSeparatedByAnyRunOfTabsNewlinesAndSpacesEachCount() throws Exception {
		String other = this.scheme.signatures(SPEC_ID, 1614265330, SPEC_BODY, List.of(WebhookSecret.generate()));

		for (String separator : List.of("\t", " \t ", "\r\n", "\u000B\f")) {
			VerifiedSignature verified = this.scheme.verify(specHeaders("\t" + other + separator + SPEC_SIGNATURE
					+ "\n"), SPEC_BODY, List.of(SPEC_SECRET), TOLERANCE, SPEC_TIME);
			assertThat(verified.messageId()).as("separated by %s", separator.chars().boxed().toList())
				.isEqualTo(SPEC_ID);
		}
	}

	@Test
	void onlyTheVersionBeforeAnEntrysFirstCommaCounts() {
		String mac = SPEC_SIGNATURE.substring(3);

		for (String header : List.of("v2,v1," + mac, "xv1," + mac, "v1" + mac, "V1," + mac)) {
			assertThat(failure(specHeaders(header), SPEC_BODY, List.of(SPEC_SECRET), SPEC_TIME).getReason())
				.as(header)
				.isEqualTo(Reason.MALFORMED_HEADER);
		}
	}

	@Test
	void oneThreadAlternatingSecretsComputesEachSecretsOwnMac() {
		WebhookSecret other = WebhookSecret.generate();
		String specAlone = this.scheme.signatures(SPEC_ID, 1614265330, SPEC_BODY, List.of(SPEC_SECRET));
		String otherAlone = this.scheme.signatures(SPEC_ID, 1614265330, SPEC_BODY, List.of(other));

		for (int i = 0; i < 3; i++) {
			assertThat(this.scheme.signatures(SPEC_ID, 1614265330, SPEC_BODY, List.of(SPEC_SECRET)))
				.isEqualTo(SPEC_SIGNATURE);
			assertThat(this.scheme.signatures(SPEC_ID, 1614265330, SPEC_BODY, List.of(other, SPEC_SECRET)))
				.isEqualTo(otherAlone + " " + specAlone);
			assertThat(this.scheme.signatures(SPEC_ID, 1614265330, SPEC_BODY, List.of(other))).isEqualTo(otherAlone);
		}
	}

	@Test
	void verifiesWithAnyOfSeveralSecretsDuringRotation() throws Exception {
		WebhookSecret previous = SPEC_SECRET;
		WebhookSecret current = WebhookSecret.generate();
		List<WebhookSecret> configured = List.of(current, previous);

		for (WebhookSecret signer : configured) {
			Map<String, String> signed = this.scheme.sign(SPEC_ID, SPEC_TIME, SPEC_BODY, List.of(signer));
			assertThat(this.scheme.verify(WebhookHeaders.of(signed), SPEC_BODY, configured, TOLERANCE, SPEC_TIME))
				.isNotNull();
		}
		Map<String, String> byStranger = this.scheme.sign(SPEC_ID, SPEC_TIME, SPEC_BODY,
				List.of(WebhookSecret.generate()));
		WebhookVerificationException ex = failure(WebhookHeaders.of(byStranger), SPEC_BODY, configured, SPEC_TIME);
		assertThat(ex.getReason()).isEqualTo(Reason.SIGNATURE_MISMATCH);
		assertThat(ex.getMessage()).isEqualTo("No signature in the webhook-signature header matches a secret of this source");
	}

	@Test
	void acceptsSvixPrefixedHeaders() throws Exception {
		Map<String, String> headers = Map.of("svix-id", SPEC_ID, "svix-timestamp", "1614265330", "svix-signature",
				SPEC_SIGNATURE);

		VerifiedSignature verified = this.scheme.verify(WebhookHeaders.of(headers), SPEC_BODY, List.of(SPEC_SECRET),
				TOLERANCE, SPEC_TIME);

		assertThat(verified).isEqualTo(new VerifiedSignature(SPEC_ID, SPEC_TIME));
	}

	@Test
	void matchesHeaderNamesInAnyCase() throws Exception {
		Map<String, String> single = Map.of("Webhook-Id", SPEC_ID, "WEBHOOK-TIMESTAMP", "1614265330",
				"Webhook-Signature", SPEC_SIGNATURE);
		Map<String, List<String>> multi = Map.of("SVIX-ID", List.of(SPEC_ID), "Svix-Timestamp", List.of("1614265330"),
				"svix-Signature", List.of(SPEC_SIGNATURE));
		Map<String, String> lowerCaseOnly = Map.of("webhook-id", SPEC_ID, "webhook-timestamp", "1614265330",
				"webhook-signature", SPEC_SIGNATURE);

		for (WebhookHeaders headers : List.of(WebhookHeaders.of(single), WebhookHeaders.ofMulti(multi),
				WebhookHeaders.from(lowerCaseOnly::get))) {
			assertThat(this.scheme.verify(headers, SPEC_BODY, List.of(SPEC_SECRET), TOLERANCE, SPEC_TIME))
				.isEqualTo(new VerifiedSignature(SPEC_ID, SPEC_TIME));
		}
	}

	@Test
	void signingWithoutASecretIsRefused() {
		IllegalArgumentException ex = catchThrowableOfType(IllegalArgumentException.class,
				() -> this.scheme.sign(SPEC_ID, SPEC_TIME, SPEC_BODY, List.of()));

		assertThat(ex).hasMessage("At least one secret is needed to sign a webhook");
	}

	private WebhookVerificationException failure(WebhookHeaders headers, byte[] body, List<WebhookSecret> secrets,
			Instant now) {
		WebhookVerificationException ex = catchThrowableOfType(WebhookVerificationException.class,
				() -> this.scheme.verify(headers, body, secrets, TOLERANCE, now));
		assertThat(ex).as("verification failure").isNotNull();
		return ex;
	}

	private static WebhookHeaders specHeaders(String signature) {
		return WebhookHeaders.of(Map.of("webhook-id", SPEC_ID, "webhook-timestamp", "1614265330", "webhook-signature",
				signature));
	}

}
