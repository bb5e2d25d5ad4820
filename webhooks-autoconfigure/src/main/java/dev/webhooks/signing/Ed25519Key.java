package dev.webhooks.signing;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * An ed25519 key of the Standard Webhooks {@code v1a} signature: a private key ({@code whsk_…}, which signs) or a
 * public key ({@code whpk_…}, which verifies), on the JDK's own EdDSA (Java 15 and later).
 * <p>
 * The specification does not pin the bytes after the prefix, and implementations differ, so {@link #parse(String)}
 * reads each layout in use: a private key as the 64 bytes of seed and public key (Svix's server, NaCl), the
 * 32-byte seed alone, or PKCS#8 DER (48 bytes); a public key as the 32 raw bytes (Svix's server) or X.509
 * SubjectPublicKeyInfo DER (44 bytes). It writes Svix's server's layout: {@code whsk_} + base64 of seed and public
 * key (64 bytes), {@code whpk_} + base64 of the raw public key (32 bytes).
 * <p>
 * A private key never appears in {@link #toString()}.
 */
public final class Ed25519Key {

	/** Prefix of a private (signing) key. */
	public static final String PRIVATE_PREFIX = "whsk_";

	/** Prefix of a public (verifying) key. */
	public static final String PUBLIC_PREFIX = "whpk_";

	/** Bytes of an ed25519 signature. */
	public static final int SIGNATURE_BYTES = 64;

	private static final String ALGORITHM = "Ed25519";

	private static final int RAW_BYTES = 32;

	// DER of PKCS#8 PrivateKeyInfo (RFC 8410) up to the 32-byte seed
	private static final byte[] PKCS8_PREFIX = { 0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65,
			0x70, 0x04, 0x22, 0x04, 0x20 };

	// DER of X.509 SubjectPublicKeyInfo (RFC 8410) up to the 32-byte public key
	private static final byte[] SPKI_PREFIX = { 0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21,
			0x00 };

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final ThreadLocal<KeyedSignature> SIGNATURE = ThreadLocal.withInitial(KeyedSignature::new);

	private final PrivateKey privateKey;

	private final PublicKey publicKey;

	// the raw 32-byte public key, the form written after whpk_
	private final byte[] rawPublic;

	// the 32-byte seed, or null for a public key
	private final byte[] seed;

	private Ed25519Key(PrivateKey privateKey, byte[] seed, PublicKey publicKey, byte[] rawPublic) {
		this.privateKey = privateKey;
		this.seed = seed;
		this.publicKey = publicKey;
		this.rawPublic = rawPublic;
	}

	/**
	 * Generate a new private key.
	 * @return the key
	 */
	public static Ed25519Key generate() {
		byte[] seed = new byte[RAW_BYTES];
		RANDOM.nextBytes(seed);
		return fromSeed(seed);
	}

	/**
	 * Parse a key: {@code whsk_…} or {@code whpk_…} in any of the layouts this class reads.
	 * @param value the key text
	 * @return the key
	 * @throws InvalidWebhookSecretException saying what is wrong, without echoing the value
	 */
	public static Ed25519Key parse(String value) {
		if (value == null || value.isBlank()) {
			throw new InvalidWebhookSecretException("The ed25519 key is empty");
		}
		String trimmed = value.strip();
		boolean isPrivate = trimmed.startsWith(PRIVATE_PREFIX);
		if (!isPrivate && !trimmed.startsWith(PUBLIC_PREFIX)) {
			throw new InvalidWebhookSecretException(
					"The ed25519 key does not start with '" + PRIVATE_PREFIX + "' or '" + PUBLIC_PREFIX + "'");
		}
		String prefix = isPrivate ? PRIVATE_PREFIX : PUBLIC_PREFIX;
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(trimmed.substring(prefix.length()));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidWebhookSecretException("The ed25519 key is not valid base64 after '" + prefix + "'");
		}
		return isPrivate ? parsePrivate(bytes) : parsePublic(bytes);
	}

	private static Ed25519Key parsePrivate(byte[] bytes) {
		if (bytes.length == RAW_BYTES) {
			return fromSeed(bytes);
		}
		if (bytes.length == 2 * RAW_BYTES) {
			Ed25519Key key = fromSeed(Arrays.copyOf(bytes, RAW_BYTES));
			if (!Arrays.equals(key.rawPublic, 0, RAW_BYTES, bytes, RAW_BYTES, 2 * RAW_BYTES)) {
				throw new InvalidWebhookSecretException("The ed25519 private key's last 32 bytes are not the public "
						+ "key of its first 32 (the seed)");
			}
			return key;
		}
		if (bytes.length == PKCS8_PREFIX.length + RAW_BYTES && startsWith(bytes, PKCS8_PREFIX)) {
			return fromSeed(Arrays.copyOfRange(bytes, PKCS8_PREFIX.length, bytes.length));
		}
		throw new InvalidWebhookSecretException("The ed25519 private key decodes to " + bytes.length + " bytes; "
				+ "expected 64 (seed and public key), 32 (seed) or 48 (PKCS#8)");
	}

	private static Ed25519Key parsePublic(byte[] bytes) {
		byte[] raw;
		if (bytes.length == RAW_BYTES) {
			raw = bytes;
		}
		else if (bytes.length == SPKI_PREFIX.length + RAW_BYTES && startsWith(bytes, SPKI_PREFIX)) {
			raw = Arrays.copyOfRange(bytes, SPKI_PREFIX.length, bytes.length);
		}
		else {
			throw new InvalidWebhookSecretException("The ed25519 public key decodes to " + bytes.length + " bytes; "
					+ "expected 32 (raw) or 44 (X.509 SubjectPublicKeyInfo)");
		}
		try {
			PublicKey key = KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(concat(SPKI_PREFIX, raw)));
			return new Ed25519Key(null, null, key, raw.clone());
		}
		catch (GeneralSecurityException ex) {
			throw new InvalidWebhookSecretException("The ed25519 public key is not a point of the curve");
		}
	}

	/**
	 * The key pair of a seed. The JDK has no call that derives the public key from a private one, but its key
	 * pair generator takes the seed from the random source it is given, so a source that yields this seed makes
	 * this seed's pair (RFC 8032, 5.1.5).
	 */
	private static Ed25519Key fromSeed(byte[] seed) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
			generator.initialize(NamedParameterSpec.ED25519, new SeedSource(seed));
			KeyPair pair = generator.generateKeyPair();
			byte[] encoded = pair.getPublic().getEncoded();
			byte[] raw = Arrays.copyOfRange(encoded, encoded.length - RAW_BYTES, encoded.length);
			PrivateKey privateKey = KeyFactory.getInstance(ALGORITHM)
				.generatePrivate(new PKCS8EncodedKeySpec(concat(PKCS8_PREFIX, seed)));
			return new Ed25519Key(privateKey, seed.clone(), pair.getPublic(), raw);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Ed25519 is not available in this JVM", ex);
		}
	}

	/**
	 * Whether this key signs (a private key) or only verifies (a public key).
	 * @return {@code true} for a private key
	 */
	public boolean isPrivate() {
		return this.privateKey != null;
	}

	/**
	 * The public half of this key.
	 * @return the public key ({@code this} when it is one)
	 */
	public Ed25519Key publicKey() {
		return isPrivate() ? new Ed25519Key(null, null, this.publicKey, this.rawPublic) : this;
	}

	/**
	 * The public key's text, {@code whpk_} and the base64 of its 32 raw bytes: safe to show and to log.
	 * @return the text
	 */
	public String publicText() {
		return PUBLIC_PREFIX + Base64.getEncoder().encodeToString(this.rawPublic);
	}

	/**
	 * The key's text: for a private key {@code whsk_} and the base64 of seed and public key (64 bytes), to be
	 * stored and never logged; for a public key {@link #publicText()}.
	 * @return the text
	 */
	public String reveal() {
		if (!isPrivate()) {
			return publicText();
		}
		return PRIVATE_PREFIX + Base64.getEncoder().encodeToString(concat(this.seed, this.rawPublic));
	}

	/**
	 * The ed25519 signature of the concatenation of the given parts.
	 * @param parts the message, in pieces
	 * @return the 64-byte signature
	 * @throws IllegalStateException for a public key
	 */
	public byte[] sign(byte[]... parts) {
		if (!isPrivate()) {
			throw new IllegalStateException("A public ed25519 key cannot sign");
		}
		KeyedSignature keyed = SIGNATURE.get();
		try {
			Signature signature = keyed.signingWith(this.privateKey);
			for (byte[] part : parts) {
				signature.update(part);
			}
			return signature.sign();
		}
		catch (InvalidKeyException | SignatureException | RuntimeException ex) {
			keyed.forget();
			throw new IllegalStateException("The ed25519 key cannot sign", ex);
		}
	}

	/**
	 * Whether a signature of the concatenation of the given parts verifies with this key (its public half).
	 * @param signatureBytes the signature
	 * @param parts the message, in pieces
	 * @return {@code true} when it verifies
	 */
	public boolean verify(byte[] signatureBytes, byte[]... parts) {
		if (signatureBytes.length != SIGNATURE_BYTES) {
			return false;
		}
		KeyedSignature keyed = SIGNATURE.get();
		try {
			Signature signature = keyed.verifyingWith(this.publicKey);
			for (byte[] part : parts) {
				signature.update(part);
			}
			return signature.verify(signatureBytes);
		}
		catch (InvalidKeyException ex) {
			keyed.forget();
			throw new IllegalStateException("The ed25519 key cannot verify", ex);
		}
		catch (SignatureException ex) {
			// a malformed signature (not a point of the curve): it does not verify; the instance is reset by it
			keyed.forget();
			return false;
		}
		catch (RuntimeException ex) {
			// an instance left half-updated must be initialised again before its next use
			keyed.forget();
			throw ex;
		}
	}

	/**
	 * The JDK's key, for code that works with {@link java.security} directly.
	 * @return the public key
	 */
	public PublicKey javaPublicKey() {
		return this.publicKey;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Ed25519Key that && isPrivate() == that.isPrivate()
				&& Arrays.equals(this.rawPublic, that.rawPublic);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(this.rawPublic) + (isPrivate() ? 1 : 0);
	}

	@Override
	public String toString() {
		return isPrivate() ? "Ed25519Key[" + PRIVATE_PREFIX + "*****]" : "Ed25519Key[" + publicText() + "]";
	}

	/**
	 * A thread's {@link Signature} and the key it was last initialised with: {@code sign()} and {@code verify()}
	 * leave the instance initialised with the same key, so a thread that signs for one endpoint, or verifies one
	 * source's requests, again skips the initialisation, as {@link HmacSha256} does for the MAC.
	 */
	private static final class KeyedSignature {

		private final Signature signature;

		private Object key;

		KeyedSignature() {
			try {
				this.signature = Signature.getInstance(ALGORITHM);
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException("Ed25519 is not available in this JVM", ex);
			}
		}

		Signature signingWith(PrivateKey privateKey) throws InvalidKeyException {
			if (privateKey != this.key) {
				this.key = null;
				this.signature.initSign(privateKey);
				this.key = privateKey;
			}
			return this.signature;
		}

		Signature verifyingWith(PublicKey publicKey) throws InvalidKeyException {
			if (publicKey != this.key) {
				this.key = null;
				this.signature.initVerify(publicKey);
				this.key = publicKey;
			}
			return this.signature;
		}

		void forget() {
			this.key = null;
		}

	}

	private static boolean startsWith(byte[] bytes, byte[] prefix) {
		return Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] joined = Arrays.copyOf(first, first.length + second.length);
		System.arraycopy(second, 0, joined, first.length, second.length);
		return joined;
	}

	/** A random source that yields one seed: what makes the JDK's generator derive that seed's key pair. */
	private static final class SeedSource extends SecureRandom {

		private static final long serialVersionUID = 1L;

		private final transient byte[] seed;

		SeedSource(byte[] seed) {
			super(new byte[0]);
			this.seed = seed;
		}

		@Override
		public void nextBytes(byte[] bytes) {
			if (bytes.length != this.seed.length) {
				throw new IllegalStateException("The JDK's ed25519 generator asked for " + bytes.length + " random "
						+ "bytes, not the 32 of a seed");
			}
			System.arraycopy(this.seed, 0, bytes, 0, bytes.length);
		}

	}

}
