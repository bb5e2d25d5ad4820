package dev.webhooks.signing;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * A signing secret. The Standard Webhooks form is {@code whsec_} followed by the base64 of 24 to 64 random
 * bytes; those bytes are the HMAC key. Schemes that use the secret text itself as the key (Stripe-style
 * {@code t=…,v1=…}) create it with {@link #ofText(String)}.
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

	// this secret keyed with its text; made once, on first use, as every attempt of a text-keyed scheme needs it
	private volatile WebhookSecret textKeyed;

	private WebhookSecret(byte[] key, String value) {
		this.key = key;
		this.value = value;
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
	 * Parse a Standard Webhooks secret ({@code whsec_<base64>}).
	 * @param value the secret text
	 * @return the secret
	 * @throws InvalidWebhookSecretException saying what is wrong, without echoing the value
	 */
	public static WebhookSecret parse(String value) {
		if (value == null || value.isBlank()) {
			throw new InvalidWebhookSecretException("The webhook secret is empty");
		}
		String trimmed = value.strip();
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
	 */
	public byte[] key() {
		return this.key.clone();
	}

	/**
	 * The HMAC-SHA256 of the concatenation of the given parts keyed with this secret, so a scheme of one's own
	 * can sign without handling the key.
	 * @param parts the signed content, in pieces, so a large body is not copied to join them
	 * @return the 32-byte MAC
	 */
	public byte[] hmacSha256(byte[]... parts) {
		return HmacSha256.mac(this.key, parts);
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
			byte[] text = this.value.getBytes(StandardCharsets.UTF_8);
			keyed = Arrays.equals(text, this.key) ? this : new WebhookSecret(text, this.value);
			this.textKeyed = keyed;
		}
		return keyed;
	}

	/**
	 * The secret as text, to be shown once when it is created and to be stored. Never log it.
	 * @return the secret text
	 */
	public String reveal() {
		return this.value;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof WebhookSecret that && Arrays.equals(this.key, that.key);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(this.key);
	}

	@Override
	public String toString() {
		return "WebhookSecret[" + (this.value.startsWith(PREFIX) ? PREFIX : "") + "*****]";
	}

}
