package dev.webhooks.signing;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * A signing secret. The Standard Webhooks form is {@code whsec_} followed by the base64 of 24 to 64 random
 * bytes; those bytes are the HMAC key ({@code v1} signatures). Schemes that use the secret text itself as the key
 * (Stripe-style {@code t=…,v1=…}) create it with {@link #ofText(String)}.
 * <p>
 * A secret may instead be an {@link Ed25519Key} of the asymmetric {@code v1a} signatures ({@link #of(Ed25519Key)},
 * or {@link #parse(String)} of {@code whsk_…} or {@code whpk_…}), so the one list of an endpoint's or a source's
 * secrets carries both kinds, each signing or verifying its own version.
 * <p>
 * The key never appears in {@link #toString()}, so a secret can be logged or put in an exception message
 * by accident without leaking.
 */
public final class WebhookSecret {

	/** Prefix of Standard Webhooks secrets. */
	public static final String PREFIX = "whsec_";

	/** Fewest key bytes accepted (192 bits). */
	public static final int MIN_KEY_BYTES = 24;

	/** Most key bytes accepted. */
	public static final int MAX_KEY_BYTES = 64;

	/** Key length used by {@link #generate()}. */
	public static final int DEFAULT_KEY_BYTES = 32;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final byte[] key;

	private final String value;

	// the ed25519 key of a v1a secret, or null for an HMAC secret
	private final Ed25519Key ed25519;

	// this secret keyed with its text; made once, on first use, as every attempt of a text-keyed scheme needs it
	private volatile WebhookSecret textKeyed;

	private WebhookSecret(byte[] key, String value) {
		this.key = key;
		this.value = value;
		this.ed25519 = null;
	}

	private WebhookSecret(Ed25519Key ed25519) {
		this.key = null;
		this.value = ed25519.reveal();
		this.ed25519 = ed25519;
	}

	/**
	 * A {@code v1a} secret: a private key signs, a public key verifies.
	 * @param key the ed25519 key
	 * @return the secret
	 */
	public static WebhookSecret of(Ed25519Key key) {
		return new WebhookSecret(key);
	}

	/**
	 * Generate a new {@code whsec_} secret of {@value #DEFAULT_KEY_BYTES} random bytes.
	 * @return the secret
	 */
	public static WebhookSecret generate() {
		return generate(DEFAULT_KEY_BYTES);
	}

	/**
	 * Generate a new {@code whsec_} secret.
	 * @param keyBytes the number of random bytes, 24 to 64
	 * @return the secret
	 */
	public static WebhookSecret generate(int keyBytes) {
		if (keyBytes < MIN_KEY_BYTES || keyBytes > MAX_KEY_BYTES) {
			throw new IllegalArgumentException("A webhook secret needs " + MIN_KEY_BYTES + " to " + MAX_KEY_BYTES
					+ " random bytes, not " + keyBytes);
		}
		byte[] key = new byte[keyBytes];
		RANDOM.nextBytes(key);
		return new WebhookSecret(key, PREFIX + Base64.getEncoder().encodeToString(key));
	}

	/**
	 * Parse a Standard Webhooks secret: {@code whsec_<base64>}, or an ed25519 key {@code whsk_…} or
	 * {@code whpk_…} (see {@link Ed25519Key#parse(String)}).
	 * @param value the secret text
	 * @return the secret
	 * @throws InvalidWebhookSecretException saying what is wrong, without echoing the value
	 */
	public static WebhookSecret parse(String value) {
		if (value == null || value.isBlank()) {
			throw new InvalidWebhookSecretException("The webhook secret is empty");
		}
		String trimmed = value.strip();
		if (trimmed.startsWith(Ed25519Key.PRIVATE_PREFIX) || trimmed.startsWith(Ed25519Key.PUBLIC_PREFIX)) {
			return new WebhookSecret(Ed25519Key.parse(trimmed));
		}
		if (!trimmed.startsWith(PREFIX)) {
			throw new InvalidWebhookSecretException("The webhook secret does not start with '" + PREFIX + "'");
		}
		String encoded = trimmed.substring(PREFIX.length());
		if (encoded.isEmpty()) {
			throw new InvalidWebhookSecretException("The webhook secret has nothing after '" + PREFIX + "'");
		}
		byte[] key;
		try {
			key = Base64.getDecoder().decode(encoded);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidWebhookSecretException("The webhook secret is not valid base64 after '" + PREFIX + "'");
		}
		if (key.length < MIN_KEY_BYTES) {
			throw new InvalidWebhookSecretException("The webhook secret decodes to " + key.length
					+ " bytes; at least " + MIN_KEY_BYTES + " are required");
		}
		if (key.length > MAX_KEY_BYTES) {
			throw new InvalidWebhookSecretException("The webhook secret decodes to " + key.length
					+ " bytes; at most " + MAX_KEY_BYTES + " are allowed");
		}
		return new WebhookSecret(key, trimmed);
	}

	/**
	 * A secret whose UTF-8 text is itself the HMAC key, as Stripe and Anvil use theirs.
	 * @param value the secret text, not blank
	 * @return the secret
	 */
	public static WebhookSecret ofText(String value) {
		if (value == null || value.isBlank()) {
			throw new InvalidWebhookSecretException("The webhook secret is empty");
		}
		String trimmed = value.strip();
		return new WebhookSecret(trimmed.getBytes(StandardCharsets.UTF_8), trimmed);
	}

	/**
	 * The HMAC key.
	 * @return a copy of the key bytes
	 * @throws IllegalStateException for an ed25519 secret
	 */
	public byte[] key() {
		return hmacKey().clone();
	}

	/**
	 * The ed25519 key of a {@code v1a} secret.
	 * @return the key, or {@code null} for an HMAC secret
	 */
	public Ed25519Key ed25519() {
		return this.ed25519;
	}

	/**
	 * Whether this is an ed25519 key ({@code v1a}) rather than an HMAC secret ({@code v1}).
	 * @return {@code true} for an ed25519 key
	 */
	public boolean isEd25519() {
		return this.ed25519 != null;
	}

	/**
	 * The Standard Webhooks signature version this secret signs or verifies.
	 * @return {@code v1a} for an ed25519 key, else {@code v1}
	 */
	public String version() {
		return isEd25519() ? "v1a" : "v1";
	}

	private byte[] hmacKey() {
		if (this.key == null) {
			throw new IllegalStateException("An ed25519 key (v1a) is not an HMAC secret");
		}
		return this.key;
	}

	/**
	 * The HMAC-SHA256 of the concatenation of the given parts keyed with this secret, so a scheme of one's own
	 * can sign without handling the key.
	 * @param parts the signed content, in pieces, so a large body is not copied to join them
	 * @return the 32-byte MAC
	 */
	public byte[] hmacSha256(byte[]... parts) {
		return HmacSha256.mac(hmacKey(), parts);
	}

	/**
	 * This secret with its text as the HMAC key, for the schemes whose receivers key their HMAC with the string they
	 * were given, {@code whsec_} prefix and all (Stripe's, Anvil's, Anchor's). For a secret made with
	 * {@link #ofText(String)} that is the secret itself.
	 * @return the text-keyed secret, the same instance on every call
	 */
	public WebhookSecret textKeyed() {
		WebhookSecret keyed = this.textKeyed;
		if (keyed == null) {
			hmacKey();
			byte[] text = this.value.getBytes(StandardCharsets.UTF_8);
			keyed = Arrays.equals(text, this.key) ? this : new WebhookSecret(text, this.value);
			this.textKeyed = keyed;
		}
		return keyed;
	}

	/**
	 * The secret as text, to be shown once when it is created and to be stored. Never log it (a public
	 * {@code whpk_} key alone is safe to show).
	 * @return the secret text
	 */
	public String reveal() {
		return this.value;
	}

	@Override
	public boolean equals(Object other) {
		if (!(other instanceof WebhookSecret that)) {
			return false;
		}
		return isEd25519() ? this.ed25519.equals(that.ed25519) : Arrays.equals(this.key, that.key);
	}

	@Override
	public int hashCode() {
		return isEd25519() ? this.ed25519.hashCode() : Arrays.hashCode(this.key);
	}

	@Override
	public String toString() {
		if (isEd25519()) {
			return "WebhookSecret[" + this.ed25519 + "]";
		}
		return "WebhookSecret[" + (this.value.startsWith(PREFIX) ? PREFIX : "") + "*****]";
	}

}
