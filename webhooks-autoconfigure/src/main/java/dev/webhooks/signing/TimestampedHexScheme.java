package dev.webhooks.signing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.webhooks.signing.WebhookVerificationException.Reason;

/**
 * The scheme of Stripe and Anvil: one header {@code t=<unix seconds>,v1=<hex HMAC-SHA256>} over
 * {@code <timestamp>.<body>}, keyed with the secret's text (for a {@code whsec_} secret too: the receiver keys
 * its HMAC with the text it was given, see {@link WebhookSecret#textKeyed()}). A header may carry several
 * {@code v1=} entries (one per valid secret, current first); other keys are ignored.
 */
public class TimestampedHexScheme implements WebhookSignatureScheme {

	/** The configuration name of this scheme. */
	public static final String NAME = "timestamped-hex";

	/** The signature header used when none is configured. */
	public static final String DEFAULT_SIGNATURE_HEADER = "webhook-signature";

	/** The id header used when none is configured. */
	public static final String DEFAULT_ID_HEADER = "webhook-id";

	private static final HexFormat HEX = HexFormat.of();

	private static final byte[] DOT = { '.' };

	private final String signatureHeader;

	private final String idHeader;

	/** A scheme reading {@value #DEFAULT_SIGNATURE_HEADER} and {@value #DEFAULT_ID_HEADER}. */
	public TimestampedHexScheme() {
		this(DEFAULT_SIGNATURE_HEADER, DEFAULT_ID_HEADER);
	}

	/**
	 * A scheme with the sender's header names, for example {@code Anvil-Signature} and {@code Anvil-Event-Id}.
	 * @param signatureHeader the header carrying {@code t=…,v1=…}
	 * @param idHeader the header carrying the message id
	 */
	public TimestampedHexScheme(String signatureHeader, String idHeader) {
		this.signatureHeader = signatureHeader;
		this.idHeader = idHeader;
	}

	/**
	 * The header carrying {@code t=…,v1=…}.
	 * @return its name
	 */
	public String signatureHeader() {
		return this.signatureHeader;
	}

	/**
	 * The header carrying the message id.
	 * @return its name
	 */
	public String idHeader() {
		return this.idHeader;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public WebhookSecret parseSecret(String value) {
		return WebhookSecret.ofText(value);
	}

	@Override
	public Map<String, String> sign(String messageId, Instant timestamp, byte[] body, List<WebhookSecret> secrets) {
		if (secrets.isEmpty()) {
			throw new IllegalArgumentException("At least one secret is needed to sign a webhook");
		}
		if (secrets.stream().allMatch(WebhookSecret::isEd25519)) {
			throw new IllegalArgumentException("The " + NAME + " scheme signs with HMAC secrets only; an ed25519 "
					+ "key (v1a) is a Standard Webhooks key");
		}
		long seconds = timestamp.getEpochSecond();
		StringBuilder value = new StringBuilder("t=").append(seconds);
		for (WebhookSecret secret : secrets) {
			if (secret.isEd25519()) {
				continue;
			}
			value.append(",v1=").append(HEX.formatHex(mac(secret, seconds, body)));
		}
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put(this.idHeader, messageId);
		headers.put(this.signatureHeader, value.toString());
		return headers;
	}

	@Override
	public VerifiedSignature verify(WebhookHeaders headers, byte[] body, List<WebhookSecret> secrets,
			Duration tolerance, Instant now) throws WebhookVerificationException {
		String header = headers.get(this.signatureHeader);
		if (header == null || header.isBlank()) {
			throw new WebhookVerificationException(Reason.MISSING_HEADER,
					"The " + this.signatureHeader + " header is missing");
		}
		String timestampText = null;
		List<byte[]> candidates = new ArrayList<>();
		for (String part : header.split(",")) {
			int equals = part.indexOf('=');
			if (equals < 0) {
				continue;
			}
			String key = part.substring(0, equals).strip();
			String value = part.substring(equals + 1).strip();
			if ("t".equals(key)) {
				timestampText = value;
			}
			else if ("v1".equals(key)) {
				try {
					candidates.add(HEX.parseHex(value));
				}
				catch (IllegalArgumentException ex) {
					// not hex: cannot match, and another entry may still verify
				}
			}
		}
		if (timestampText == null) {
			throw new WebhookVerificationException(Reason.MALFORMED_HEADER,
					"The " + this.signatureHeader + " header has no t= timestamp");
		}
		Instant timestamp = WebhookSignatureScheme.parseTimestamp(timestampText,
				"the t= value of the " + this.signatureHeader + " header");
		long seconds = timestamp.getEpochSecond();
		WebhookSignatureScheme.checkTimestamp(timestamp, tolerance, now);
		if (candidates.isEmpty()) {
			throw new WebhookVerificationException(Reason.MALFORMED_HEADER,
					"The " + this.signatureHeader + " header holds no v1 signature");
		}
		for (WebhookSecret secret : secrets) {
			if (secret.isEd25519()) {
				// a v1a key has no place in this scheme; the source's HMAC secrets still verify
				continue;
			}
			byte[] expected = mac(secret, seconds, body);
			for (byte[] candidate : candidates) {
				if (MessageDigest.isEqual(expected, candidate)) {
					return new VerifiedSignature(headers.get(this.idHeader), timestamp);
				}
			}
		}
		throw new WebhookVerificationException(Reason.SIGNATURE_MISMATCH,
				"No signature in the " + this.signatureHeader + " header matches a secret of this source");
	}

	private static byte[] mac(WebhookSecret secret, long seconds, byte[] body) {
		return secret.textKeyed().hmacSha256(Long.toString(seconds).getBytes(StandardCharsets.US_ASCII), DOT, body);
	}

}
