package dev.webhooks.signing.userscheme;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.webhooks.signing.VerifiedSignature;
import dev.webhooks.signing.WebhookHeaders;
import dev.webhooks.signing.WebhookSecret;
import dev.webhooks.signing.WebhookSignatureScheme;
import dev.webhooks.signing.WebhookVerificationException;
import dev.webhooks.signing.WebhookVerificationException.Reason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A scheme the library does not ship, written the way a user would, outside the {@code signing} package and with
 * its public API only: Anchor's (reference/002) HMAC-SHA256 of {@code v0:{Anchor-Timestamp}:{raw body}}, sent
 * as {@code Anchor-Signature: v1=<hex>}.
 */
class AnchorStyleSchemeTests {

	/** The whole user-defined scheme. */
	static final class AnchorScheme implements WebhookSignatureScheme {

		private static final HexFormat HEX = HexFormat.of();

		@Override
		public String name() {
			return "anchor";
		}

		@Override
		public WebhookSecret parseSecret(String value) {
			return WebhookSecret.ofText(value);
		}

		@Override
		public Map<String, String> sign(String messageId, Instant timestamp, byte[] body, List<WebhookSecret> secrets) {
			String seconds = Long.toString(timestamp.getEpochSecond());
			String signature = "v1=" + HEX.formatHex(mac(secrets.get(0), seconds, body));
			return Map.of("Anchor-Timestamp", seconds, "Anchor-Signature", signature);
		}

		@Override
		public VerifiedSignature verify(WebhookHeaders headers, byte[] body, List<WebhookSecret> secrets,
				Duration tolerance, Instant now) throws WebhookVerificationException {
			String seconds = headers.get("Anchor-Timestamp");
			String signature = headers.get("Anchor-Signature");
			if (seconds == null || signature == null || !signature.startsWith("v1=")) {
				throw new WebhookVerificationException(Reason.MISSING_HEADER, "No Anchor-Timestamp or Anchor-Signature");
			}
			Instant timestamp = WebhookSignatureScheme.parseTimestamp(seconds, "the Anchor-Timestamp header");
			WebhookSignatureScheme.checkTimestamp(timestamp, tolerance, now);
			byte[] given = signature.substring(3).getBytes(StandardCharsets.US_ASCII);
			for (WebhookSecret secret : secrets) {
				byte[] expected = HEX.formatHex(mac(secret, seconds, body)).getBytes(StandardCharsets.US_ASCII);
				if (MessageDigest.isEqual(expected, given)) {
					return new VerifiedSignature(null, timestamp);
				}
			}
			throw new WebhookVerificationException(Reason.SIGNATURE_MISMATCH, "No Anchor-Signature matches");
		}

		private static byte[] mac(WebhookSecret secret, String seconds, byte[] body) {
			return secret.hmacSha256(("v0:" + seconds + ":").getBytes(StandardCharsets.US_ASCII), body);
		}

	}

	private static final String SECRET_TEXT = "anchor_whsec_7c1e0f9a2b";

	private static final Instant NOW = Instant.ofEpochSecond(1717000000);

	private static final byte[] BODY = "{\"id\":\"evt_1\",\"text\":\"\u2705 Task tsk_4f8w9n2b completed in 4.2s\"}"
		.getBytes(StandardCharsets.UTF_8);

	private final AnchorScheme scheme = new AnchorScheme();

	@Test
	void verifiesASignatureComputedTheWayAnchorsDocsDescribe() throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(SECRET_TEXT.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		mac.update("v0:1717000000:".getBytes(StandardCharsets.UTF_8));
		String expected = HexFormat.of().formatHex(mac.doFinal(BODY));
		WebhookHeaders headers = WebhookHeaders
			.of(Map.of("anchor-timestamp", "1717000000", "anchor-signature", "v1=" + expected));

		VerifiedSignature verified = this.scheme.verify(headers, BODY,
				List.of(this.scheme.parseSecret(SECRET_TEXT)), Duration.ofMinutes(5), NOW);

		assertThat(verified.timestamp()).isEqualTo(NOW);
		assertThat(this.scheme.sign("evt_1", NOW, BODY, List.of(WebhookSecret.ofText(SECRET_TEXT))))
			.containsEntry("Anchor-Signature", "v1=" + expected);
	}

	@Test
	void rejectsAChangedBodyAndAStaleTimestamp() {
		WebhookSecret secret = WebhookSecret.ofText(SECRET_TEXT);
		WebhookHeaders signed = WebhookHeaders.of(this.scheme.sign("evt_1", NOW, BODY, List.of(secret)));

		WebhookVerificationException changed = catchThrowableOfType(WebhookVerificationException.class,
				() -> this.scheme.verify(signed, "{}".getBytes(StandardCharsets.UTF_8), List.of(secret),
						Duration.ofMinutes(5), NOW));
		WebhookVerificationException stale = catchThrowableOfType(WebhookVerificationException.class,
				() -> this.scheme.verify(signed, BODY, List.of(secret), Duration.ofMinutes(5), NOW.plusSeconds(301)));

		assertThat(changed.getReason()).isEqualTo(Reason.SIGNATURE_MISMATCH);
		assertThat(stale.getReason()).isEqualTo(Reason.TIMESTAMP_OUT_OF_TOLERANCE);
	}

}
