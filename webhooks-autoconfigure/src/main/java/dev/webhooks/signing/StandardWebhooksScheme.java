package dev.webhooks.signing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.webhooks.signing.WebhookVerificationException.Reason;

/**
 * The <a href="https://www.standardwebhooks.com/">Standard Webhooks</a> scheme, as Svix and Anon use it: the
 * headers {@code webhook-id}, {@code webhook-timestamp} (unix seconds) and {@code webhook-signature}, whose
 * value is one or more space-separated {@code v1,<base64 HMAC-SHA256>} of {@code id.timestamp.body}.
 * <p>
 * Verification accepts the {@code svix-} prefixed headers as well, skips signatures of other versions, and
 * compares in constant time.
 * <p>
 * A sender may put the same values under other header names, as Svix does under {@code svix-id},
 * {@code svix-timestamp} and {@code svix-signature}: {@link #StandardWebhooksScheme(String, String, String)}
 * signs and verifies with those names (verification still falls back to the standard and {@code svix-} ones).
 */
public class StandardWebhooksScheme implements WebhookSignatureScheme {

	/** The configuration name of this scheme. */
	public static final String NAME = "standard-webhooks";

	/** Header carrying the message id. */
	public static final String ID_HEADER = "webhook-id";

	/** Header carrying the unix timestamp in seconds. */
	public static final String TIMESTAMP_HEADER = "webhook-timestamp";

	/** Header carrying the signatures. */
	public static final String SIGNATURE_HEADER = "webhook-signature";

	private static final String SVIX_ID_HEADER = "svix-id";

	private static final String SVIX_TIMESTAMP_HEADER = "svix-timestamp";

	private static final String SVIX_SIGNATURE_HEADER = "svix-signature";

	private static final String VERSION = "v1";

	private static final byte[] DOT = { '.' };

	private final String idHeader;

	private final String timestampHeader;

	private final String signatureHeader;

	/** The scheme with the standard header names. */
	public StandardWebhooksScheme() {
		this(ID_HEADER, TIMESTAMP_HEADER, SIGNATURE_HEADER);
	}

	/**
	 * The scheme with other header names for the same three values.
	 * @param idHeader the header carrying the message id, for example {@code svix-id}
	 * @param timestampHeader the header carrying the unix timestamp in seconds
	 * @param signatureHeader the header carrying the signatures
	 */
	public StandardWebhooksScheme(String idHeader, String timestampHeader, String signatureHeader) {
		this.idHeader = idHeader;
		this.timestampHeader = timestampHeader;
		this.signatureHeader = signatureHeader;
	}

	/**
	 * The header carrying the message id.
	 * @return its name
	 */
	public String idHeader() {
		return this.idHeader;
	}

	/**
	 * The header carrying the signed timestamp.
	 * @return its name
	 */
	public String timestampHeader() {
		return this.timestampHeader;
	}

	/**
	 * The header carrying the signatures.
	 * @return its name
	 */
	public String signatureHeader() {
		return this.signatureHeader;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Map<String, String> sign(String messageId, Instant timestamp, byte[] body, List<WebhookSecret> secrets) {
		if (secrets.isEmpty()) {
			throw new IllegalArgumentException("At least one secret is needed to sign a webhook");
		}
		long seconds = timestamp.getEpochSecond();
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put(this.idHeader, messageId);
		headers.put(this.timestampHeader, Long.toString(seconds));
		headers.put(this.signatureHeader, signatures(messageId, seconds, body, secrets));
		return headers;
	}

	/**
	 * The value of the signature header alone.
	 * @param messageId the message id
	 * @param timestampSeconds the unix timestamp in seconds
	 * @param body the body bytes
	 * @param secrets the secrets, each giving one {@code v1,…} entry
	 * @return the space-separated signatures
	 */
	public String signatures(String messageId, long timestampSeconds, byte[] body, List<WebhookSecret> secrets) {
		StringBuilder value = new StringBuilder();
		Base64.Encoder encoder = Base64.getEncoder();
		for (WebhookSecret secret : secrets) {
			if (!value.isEmpty()) {
				value.append(' ');
			}
			value.append(VERSION).append(',')
				.append(encoder.encodeToString(mac(secret, messageId, timestampSeconds, body)));
		}
		return value.toString();
	}

	@Override
	public VerifiedSignature verify(WebhookHeaders headers, byte[] body, List<WebhookSecret> secrets,
			Duration tolerance, Instant now) throws WebhookVerificationException {
		String id = required(headers, this.idHeader, ID_HEADER, SVIX_ID_HEADER);
		String timestampText = required(headers, this.timestampHeader, TIMESTAMP_HEADER, SVIX_TIMESTAMP_HEADER);
		String signatureHeader = required(headers, this.signatureHeader, SIGNATURE_HEADER, SVIX_SIGNATURE_HEADER);
		Instant timestamp = WebhookSignatureScheme.parseTimestamp(timestampText,
				"the " + this.timestampHeader + " header");
		long seconds = timestamp.getEpochSecond();
		WebhookSignatureScheme.checkTimestamp(timestamp, tolerance, now);
		List<byte[]> candidates = candidates(signatureHeader);
		if (candidates.isEmpty()) {
			throw new WebhookVerificationException(Reason.MALFORMED_HEADER,
					"The " + this.signatureHeader + " header holds no " + VERSION + " signature");
		}
		for (WebhookSecret secret : secrets) {
			byte[] expected = mac(secret, id, seconds, body);
			for (byte[] candidate : candidates) {
				if (MessageDigest.isEqual(expected, candidate)) {
					return new VerifiedSignature(id, timestamp);
				}
			}
		}
		throw new WebhookVerificationException(Reason.SIGNATURE_MISMATCH,
				"No signature in the " + this.signatureHeader + " header matches a secret of this source");
	}

	private static String required(WebhookHeaders headers, String name, String standardName, String svixName)
			throws WebhookVerificationException {
		String value = headers.first(name, standardName, svixName);
		if (value == null || value.isBlank()) {
			throw new WebhookVerificationException(Reason.MISSING_HEADER, "The " + name + " header is missing");
		}
		return value;
	}

	/**
	 * The decoded {@code v1} signatures of a header; other versions and undecodable values are skipped. The
	 * tokens are split by hand as {@code strip().split("\\s+")} would split them: that call compiles its
	 * pattern on every request, which cost more than the MAC of a small body.
	 */
	private static List<byte[]> candidates(String header) {
		List<byte[]> result = new ArrayList<>(2);
		Base64.Decoder decoder = Base64.getDecoder();
		String stripped = header.strip();
		int length = stripped.length();
		int start = 0;
		while (start < length) {
			int end = start;
			int comma = -1;
			while (end < length && !isRegexSpace(stripped.charAt(end))) {
				if (comma < 0 && stripped.charAt(end) == ',') {
					comma = end;
				}
				end++;
			}
			if (comma - start == VERSION.length() && stripped.startsWith(VERSION, start)) {
				try {
					result.add(decoder.decode(stripped.substring(comma + 1, end)));
				}
				catch (IllegalArgumentException ex) {
					// not base64: cannot match, and another entry may still verify
				}
			}
			start = end;
			while (start < length && isRegexSpace(stripped.charAt(start))) {
				start++;
			}
		}
		return result;
	}

	/** The characters of the regular expression class {@code \s}. */
	private static boolean isRegexSpace(char c) {
		return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
	}

	private static byte[] mac(WebhookSecret secret, String messageId, long seconds, byte[] body) {
		return secret.hmacSha256(messageId.getBytes(StandardCharsets.UTF_8), DOT,
				Long.toString(seconds).getBytes(StandardCharsets.US_ASCII), DOT, body);
	}

}
