package dev.webhooks.signing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.webhooks.signing.WebhookVerificationException.Reason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The {@code t=…,v1=<hex>} scheme, configured the way Anvil sends it (reference/004): {@code Anvil-Signature} and
 * {@code Anvil-Event-Id}, an HMAC-SHA256 keyed with the secret's text over {@code <timestamp>.<body>}.
 */
class TimestampedHexSchemeTests {

	private static final String ANVIL_SECRET_TEXT = "whsec_anvil_5f2b9c0e1d7a4b3c";

	private static final WebhookSecret ANVIL_SECRET = WebhookSecret.ofText(ANVIL_SECRET_TEXT);

	private static final long TIMESTAMP = 1713420013;

	private static final Instant NOW = Instant.ofEpochSecond(TIMESTAMP);

	private static final byte[] BODY = "{\"type\":\"lead.created\",\"data\":{\"id\":\"lead_1\"}}"
		.getBytes(StandardCharsets.UTF_8);

	private static final Duration TOLERANCE = Duration.ofMinutes(5);

	private final TimestampedHexScheme anvil = new TimestampedHexScheme("Anvil-Signature", "Anvil-Event-Id");

	@Test
	void signsLikeAnvilDocumentsIt() throws Exception {
		Map<String, String> headers = this.anvil.sign("evt_01HXAB", NOW, BODY, List.of(ANVIL_SECRET));

		assertThat(headers).containsExactly(Map.entry("Anvil-Event-Id", "evt_01HXAB"),
				Map.entry("Anvil-Signature", "t=1713420013,v1=" + anvilHex(TIMESTAMP, BODY)));
	}

	@Test
	void verifiesAHeaderBuiltTheWayAnvilsNodeExampleChecksIt() throws Exception {
		Map<String, String> headers = Map.of("Anvil-Signature", "t=1713420013,v1=" + anvilHex(TIMESTAMP, BODY),
				"Anvil-Event-Id", "evt_01HXAB");

		VerifiedSignature verified = this.anvil.verify(WebhookHeaders.of(headers), BODY,
				List.of(this.anvil.parseSecret(ANVIL_SECRET_TEXT)), TOLERANCE, NOW);

		assertThat(verified).isEqualTo(new VerifiedSignature("evt_01HXAB", NOW));
	}

	@Test
	void readsTheCustomHeaderNamesInAnyCase() throws Exception {
		Map<String, String> headers = Map.of("anvil-signature", "t=1713420013,v1=" + anvilHex(TIMESTAMP, BODY),
				"ANVIL-EVENT-ID", "evt_01HXAB");

		VerifiedSignature verified = this.anvil.verify(WebhookHeaders.of(headers), BODY, List.of(ANVIL_SECRET),
				TOLERANCE, NOW);

		assertThat(verified.messageId()).isEqualTo("evt_01HXAB");
	}

	@Test
	void ignoresTheDefaultHeaderWhenACustomOneIsConfigured() throws Exception {
		Map<String, String> headers = Map.of("webhook-signature", "t=1713420013,v1=" + anvilHex(TIMESTAMP, BODY));

		WebhookVerificationException ex = failure(this.anvil, headers, List.of(ANVIL_SECRET), NOW);

		assertThat(ex.getReason()).isEqualTo(Reason.MISSING_HEADER);
		assertThat(ex.getMessage()).isEqualTo("The Anvil-Signature header is missing");
	}

	@Test
	void defaultSchemeUsesWebhookHeaderNames() throws Exception {
		TimestampedHexScheme scheme = new TimestampedHexScheme();

		Map<String, String> signed = scheme.sign("evt_1", NOW, BODY, List.of(ANVIL_SECRET));

		assertThat(signed).containsOnlyKeys("webhook-id", "webhook-signature");
		assertThat(scheme.verify(WebhookHeaders.of(signed), BODY, List.of(ANVIL_SECRET), TOLERANCE, NOW))
			.isEqualTo(new VerifiedSignature("evt_1", NOW));
	}

	@Test
	void keysWithTheSecretTextNotItsBase64Bytes() throws Exception {
		Map<String, String> signed = this.anvil.sign("evt_1", NOW, BODY, List.of(ANVIL_SECRET));
		WebhookSecret standardReading = WebhookSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

		assertThat(this.anvil.parseSecret(ANVIL_SECRET_TEXT)).isEqualTo(ANVIL_SECRET);
		assertThat(failure(this.anvil, signed, List.of(standardReading), NOW).getReason())
			.isEqualTo(Reason.SIGNATURE_MISMATCH);
	}

	@Test
	void acceptsAnyMatchingV1AmongSeveralAndIgnoresOtherKeys() throws Exception {
		String header = "t=1713420013,v0=" + anvilHex(TIMESTAMP, BODY) + ",v1=" + "00".repeat(32) + ",v1=zz,v1="
				+ anvilHex(TIMESTAMP, BODY).toUpperCase();

		VerifiedSignature verified = this.anvil.verify(WebhookHeaders.of(Map.of("Anvil-Signature", header)), BODY,
				List.of(ANVIL_SECRET), TOLERANCE, NOW);

		assertThat(verified).isEqualTo(new VerifiedSignature(null, NOW));
	}

	@Test
	void verifiesWithAnyOfSeveralSecretsDuringRotation() throws Exception {
		WebhookSecret next = WebhookSecret.ofText("whsec_anvil_rotated_9e8d7c");
		Map<String, String> signedWithBoth = this.anvil.sign("evt_1", NOW, BODY, List.of(ANVIL_SECRET, next));
		Map<String, String> signedWithNext = this.anvil.sign("evt_1", NOW, BODY, List.of(next));

		assertThat(signedWithBoth.get("Anvil-Signature")).matches("t=1713420013,v1=[0-9a-f]{64},v1=[0-9a-f]{64}");
		assertThat(this.anvil.verify(WebhookHeaders.of(signedWithBoth), BODY, List.of(next), TOLERANCE, NOW))
			.isNotNull();
		assertThat(this.anvil.verify(WebhookHeaders.of(signedWithNext), BODY, List.of(ANVIL_SECRET, next), TOLERANCE,
				NOW))
			.isNotNull();
		assertThat(failure(this.anvil, signedWithNext, List.of(ANVIL_SECRET), NOW).getReason())
			.isEqualTo(Reason.SIGNATURE_MISMATCH);
	}

	@Test
	void rejectsAChangedBody() throws Exception {
		Map<String, String> signed = this.anvil.sign("evt_1", NOW, BODY, List.of(ANVIL_SECRET));

		WebhookVerificationException ex = catchThrowableOfType(WebhookVerificationException.class,
				() -> this.anvil.verify(WebhookHeaders.of(signed), "{}".getBytes(StandardCharsets.UTF_8),
						List.of(ANVIL_SECRET), TOLERANCE, NOW));

		assertThat(ex.getReason()).isEqualTo(Reason.SIGNATURE_MISMATCH);
	}

	@Test
	void rejectsTimestamps301SecondsOffAndAccepts299() throws Exception {
		Map<String, String> signed = this.anvil.sign("evt_1", NOW, BODY, List.of(ANVIL_SECRET));

		assertThat(failure(this.anvil, signed, List.of(ANVIL_SECRET), NOW.plusSeconds(301)).getReason())
			.isEqualTo(Reason.TIMESTAMP_OUT_OF_TOLERANCE);
		assertThat(failure(this.anvil, signed, List.of(ANVIL_SECRET), NOW.minusSeconds(301)).getReason())
			.isEqualTo(Reason.TIMESTAMP_OUT_OF_TOLERANCE);
		assertThat(this.anvil.verify(WebhookHeaders.of(signed), BODY, List.of(ANVIL_SECRET), TOLERANCE,
				NOW.plusSeconds(299)))
			.isNotNull();
		assertThat(this.anvil.verify(WebhookHeaders.of(signed), BODY, List.of(ANVIL_SECRET), TOLERANCE,
				NOW.minusSeconds(299)))
			.isNotNull();
	}

	@Test
	void rejectsMalformedHeaders() throws Exception {
		String hex = anvilHex(TIMESTAMP, BODY);
		Map<String, Reason> cases = Map.of("v1=" + hex, Reason.MALFORMED_HEADER, "t=soon,v1=" + hex,
				Reason.MALFORMED_HEADER, "t=999999999999999999,v1=" + hex, Reason.MALFORMED_HEADER, "t=1713420013",
				Reason.MALFORMED_HEADER, "t=1713420013,v1=abc", Reason.MALFORMED_HEADER, "garbage",
				Reason.MALFORMED_HEADER, "t=1713420013,v1=" + "ab".repeat(32), Reason.SIGNATURE_MISMATCH);

		cases.forEach((header, reason) -> assertThat(
				failure(this.anvil, Map.of("Anvil-Signature", header), List.of(ANVIL_SECRET), NOW).getReason())
			.as(header)
			.isEqualTo(reason));
	}

	private WebhookVerificationException failure(WebhookSignatureScheme scheme, Map<String, String> headers,
			List<WebhookSecret> secrets, Instant now) {
		WebhookVerificationException ex = catchThrowableOfType(WebhookVerificationException.class,
				() -> scheme.verify(WebhookHeaders.of(headers), BODY, secrets, TOLERANCE, now));
		assertThat(ex).as("verification failure").isNotNull();
		return ex;
	}

	/** What Anvil's Node example computes: createHmac('sha256', secret).update(`${timestamp}.${rawBody}`). */
	private static String anvilHex(long timestamp, byte[] body) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(ANVIL_SECRET_TEXT.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
		return HexFormat.of().formatHex(mac.doFinal(body));
	}

}
