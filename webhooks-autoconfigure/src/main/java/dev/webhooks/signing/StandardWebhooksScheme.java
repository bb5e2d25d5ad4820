package dev.webhooks.signing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.webhooks.signing.WebhookVerificationException.Reason;

/**
 * The <a href="https://www.standardwebhooks.com/">Standard Webhooks</a> scheme, as Svix and Anon use it: the
 * headers {@code webhook-id}, {@code webhook-timestamp} (unix seconds) and {@code webhook-signature}, whose
 * value is one or more space-separated {@code v1,<base64 HMAC-SHA256>} of {@code id.timestamp.body}, or
 * {@code v1a,<base64 ed25519 signature>} of the same content for a secret that is an {@link Ed25519Key}.
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

	private static final String V1 = "v1";

	private static final String V1A = "v1a";

	private final String idHeader;

	private final String timestampHeader;

	private final String signatureHeader;

	// where a bad timestamp came from, for its message, made once rather than on every verification
	private final String timestampWhere;

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
		this.timestampWhere = "the " + timestampHeader + " header";
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
	 * @param secrets the secrets, each giving one entry: {@code v1,…} for a {@code whsec_} secret, {@code v1a,…}
	 * for an ed25519 private key
	 * @return the space-separated signatures
	 * @throws IllegalArgumentException for a public key, which cannot sign
	 */
	public String signatures(String messageId, long timestampSeconds, byte[] body, List<WebhookSecret> secrets) {
		StringBuilder value = new StringBuilder();
		Base64.Encoder encoder = Base64.getEncoder();
		byte[] prefix = signedPrefix(messageId, timestampSeconds);
		for (WebhookSecret secret : secrets) {
			if (!value.isEmpty()) {
				value.append(' ');
			}
			Ed25519Key key = secret.ed25519();
			if (key == null) {
				value.append(V1).append(',').append(encoder.encodeToString(secret.hmacSha256(prefix, body)));
			}
			else if (key.isPrivate()) {
				value.append(V1A).append(',').append(encoder.encodeToString(key.sign(prefix, body)));
			}
			else {
				throw new IllegalArgumentException("A public ed25519 key (whpk_) verifies v1a signatures but cannot "
						+ "sign; signing needs the private key (whsk_)");
			}
		}
		return value.toString();
	}

	/**
	 * Verify a received request: any {@code v1} entry against each HMAC secret, any {@code v1a} entry against
	 * each ed25519 key (of which only the public half is used).
	 */
	@Override
	public VerifiedSignature verify(WebhookHeaders headers, byte[] body, List<WebhookSecret> secrets,
			Duration tolerance, Instant now) throws WebhookVerificationException {
		String id = required(headers, this.idHeader, ID_HEADER, SVIX_ID_HEADER);
		String timestampText = required(headers, this.timestampHeader, TIMESTAMP_HEADER, SVIX_TIMESTAMP_HEADER);
		String signatureHeader = required(headers, this.signatureHeader, SIGNATURE_HEADER, SVIX_SIGNATURE_HEADER);
		Instant timestamp = WebhookSignatureScheme.parseTimestamp(timestampText, this.timestampWhere);
		WebhookSignatureScheme.checkTimestamp(timestamp, tolerance, now);
		byte[] prefix = signedPrefix(id, timestamp.getEpochSecond());
		// the fast path compares each MAC's base64 with the entries as received, so no entry is decoded; the MACs
		// are kept for the slow path, which runs only when nothing matched, to say why
		byte[][] macs = new byte[secrets.size()][];
		for (int i = 0; i < macs.length; i++) {
			WebhookSecret secret = secrets.get(i);
			Ed25519Key key = secret.ed25519();
			if (key == null) {
				macs[i] = secret.hmacSha256(prefix, body);
				if (SignatureEntries.containsEncoded(signatureHeader, V1, macs[i])) {
					return new VerifiedSignature(id, timestamp);
				}
			}
			else if (SignatureEntries.anyVerifies(signatureHeader, V1A, key, prefix, body)) {
				return new VerifiedSignature(id, timestamp);
			}
		}
		return verifyDecoded(signatureHeader, secrets, macs, id, timestamp);
	}

	/**
	 * The slow path: an entry that is valid base64 but not in the encoder's own form (no padding, say) still
	 * verifies, and a header with no usable entry of the versions the source verifies is malformed, not a
	 * mismatch.
	 */
	private VerifiedSignature verifyDecoded(String header, List<WebhookSecret> secrets, byte[][] macs, String id,
			Instant timestamp) throws WebhookVerificationException {
		boolean hmac = false;
		boolean ed25519 = false;
		for (WebhookSecret secret : secrets) {
			hmac |= !secret.isEd25519();
			ed25519 |= secret.isEd25519();
		}
		List<byte[]> v1 = hmac ? SignatureEntries.decoded(header, V1) : List.of();
		List<byte[]> v1a = ed25519 ? SignatureEntries.decoded(header, V1A) : List.of();
		if (v1.isEmpty() && v1a.isEmpty()) {
			String versions = (hmac && ed25519) ? V1 + " or " + V1A : (hmac ? V1 : V1A);
			throw new WebhookVerificationException(Reason.MALFORMED_HEADER,
					"The " + this.signatureHeader + " header holds no " + versions + " signature");
		}
		for (byte[] mac : macs) {
			if (mac != null) {
				for (byte[] candidate : v1) {
					if (MessageDigest.isEqual(mac, candidate)) {
						return new VerifiedSignature(id, timestamp);
					}
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
	 * The signed content's start, {@code id.timestamp.}, in one array: the body follows it into the MAC or the
	 * signature without being copied. An ASCII id (every id seen in practice) is written without an encoder.
	 */
	static byte[] signedPrefix(String messageId, long seconds) {
		int idLength = messageId.length();
		boolean ascii = true;
		for (int i = 0; ascii && i < idLength; i++) {
			ascii = messageId.charAt(i) < 0x80;
		}
		byte[] id = ascii ? null : messageId.getBytes(StandardCharsets.UTF_8);
		int idBytes = ascii ? idLength : id.length;
		int digits = digits(seconds);
		byte[] prefix = new byte[idBytes + digits + 2];
		if (ascii) {
			for (int i = 0; i < idLength; i++) {
				prefix[i] = (byte) messageId.charAt(i);
			}
		}
		else {
			System.arraycopy(id, 0, prefix, 0, idBytes);
		}
		prefix[idBytes] = '.';
		long rest = seconds;
		for (int i = idBytes + digits; i > idBytes; i--) {
			prefix[i] = (byte) ('0' + (rest % 10));
			rest /= 10;
		}
		prefix[prefix.length - 1] = '.';
		return prefix;
	}

	private static int digits(long value) {
		if (value < 0) {
			throw new IllegalArgumentException("A webhook timestamp is not negative");
		}
		int digits = 1;
		for (long rest = value / 10; rest > 0; rest /= 10) {
			digits++;
		}
		return digits;
	}

}
