package dev.webhooks.recipes;

import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

import dev.webhooks.signing.VerifiedSignature;
import dev.webhooks.signing.WebhookHeaders;
import dev.webhooks.signing.WebhookSecret;
import dev.webhooks.signing.WebhookSignatureScheme;
import dev.webhooks.signing.WebhookVerificationException;

import org.springframework.stereotype.Component;

import static java.nio.charset.StandardCharsets.US_ASCII;

/**
 * Anchor's signature (reference/002): HMAC-SHA256 of {@code v0:{Anchor-Timestamp}:{raw body}} keyed with the
 * signing secret, sent as {@code Anchor-Signature: v1=<hex>}, one {@code v1=} per valid secret while rotating.
 */
@Component("anchor")
public class AnchorSignatureScheme implements WebhookSignatureScheme {

	private static final HexFormat HEX = HexFormat.of();

	@Override
	public String name() {
		return "anchor";
	}

	@Override
	public Map<String, String> sign(String id, Instant timestamp, byte[] body, List<WebhookSecret> secrets) {
		String seconds = Long.toString(timestamp.getEpochSecond());
		StringJoiner signatures = new StringJoiner(",");
		secrets.forEach((secret) -> signatures.add(signature(secret, seconds, body)));
		return Map.of("Anchor-Timestamp", seconds, "Anchor-Signature", signatures.toString());
	}

	@Override
	public VerifiedSignature verify(WebhookHeaders headers, byte[] body, List<WebhookSecret> secrets,
			Duration tolerance, Instant now) throws WebhookVerificationException {
		String seconds = Objects.requireNonNullElse(headers.get("Anchor-Timestamp"), "");
		Instant timestamp = WebhookSignatureScheme.parseTimestamp(seconds, "the Anchor-Timestamp header");
		WebhookSignatureScheme.checkTimestamp(timestamp, tolerance, now);
		List<String> received = List.of(Objects.requireNonNullElse(headers.get("Anchor-Signature"), "").split(","));
		for (WebhookSecret secret : secrets) {
			byte[] expected = signature(secret, seconds, body).getBytes(US_ASCII);
			if (received.stream().anyMatch((given) -> MessageDigest.isEqual(expected, given.getBytes(US_ASCII)))) {
				return new VerifiedSignature(null, timestamp);
			}
		}
		throw new WebhookVerificationException(WebhookVerificationException.Reason.SIGNATURE_MISMATCH,
				"No signature in the Anchor-Signature header matches a secret of this source");
	}

	private static String signature(WebhookSecret secret, String seconds, byte[] body) {
		byte[] mac = secret.textKeyed().hmacSha256(("v0:" + seconds + ":").getBytes(US_ASCII), body);
		return "v1=" + HEX.formatHex(mac);
	}

}
