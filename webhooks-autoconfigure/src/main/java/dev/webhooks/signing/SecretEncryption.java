package dev.webhooks.signing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts signing secrets at rest with AES-256-GCM (JDK crypto only). Given several keys, the first encrypts and
 * every one decrypts, so a key is rotated by putting the new one first and dropping the old one once every row has
 * been written again. Each sealed text names its key by a fingerprint (the first four bytes of its SHA-256), so
 * decryption picks the right key without trying each. A text that is not sealed (written before a key was set)
 * is read as it is and sealed when next written.
 * <p>
 * Sealed text: {@code enc:v1:<key fingerprint, hex>:<base64 of the 12-byte nonce, the ciphertext and the tag>}.
 * Neither a key nor a plaintext ever appears in an exception message.
 */
public final class SecretEncryption {

	/** The prefix of every sealed text. */
	public static final String PREFIX = "enc:v1:";

	private static final int KEY_BYTES = 32;

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private static final SecretEncryption NONE = new SecretEncryption(new LinkedHashMap<>());

	private final SecureRandom random = new SecureRandom();

	// fingerprint to key, the encrypting key first
	private final Map<String, SecretKeySpec> keys;

	private SecretEncryption(Map<String, SecretKeySpec> keys) {
		this.keys = keys;
	}

	/**
	 * No encryption: texts are written as they are, and sealed texts cannot be read.
	 * @return the instance
	 */
	public static SecretEncryption none() {
		return NONE;
	}

	/**
	 * Encryption under keys given as base64 text, as {@code openssl rand -base64 32} prints them.
	 * @param base64Keys the keys, the encrypting one first; empty for no encryption
	 * @return the encryption
	 * @throws IllegalArgumentException naming the key's position when a key is not base64 of 32 bytes
	 */
	public static SecretEncryption withKeys(List<String> base64Keys) {
		if (base64Keys == null || base64Keys.isEmpty()) {
			return NONE;
		}
		Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
		for (int i = 0; i < base64Keys.size(); i++) {
			byte[] key;
			try {
				key = Base64.getDecoder().decode(String.valueOf(base64Keys.get(i)).strip());
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("Encryption key [" + i + "] is not base64 text");
			}
			if (key.length != KEY_BYTES) {
				throw new IllegalArgumentException("Encryption key [" + i + "] has " + key.length + " bytes; it needs "
						+ KEY_BYTES + " (openssl rand -base64 32)");
			}
			keys.putIfAbsent(fingerprint(key), new SecretKeySpec(key, "AES"));
		}
		return new SecretEncryption(keys);
	}

	/**
	 * Whether texts are encrypted when written.
	 * @return {@code true} with at least one key
	 */
	public boolean isEnabled() {
		return !this.keys.isEmpty();
	}

	/**
	 * Seal a text under the first key; without keys, the text itself.
	 * @param plaintext the text
	 * @return the sealed text
	 */
	public String seal(String plaintext) {
		if (!isEnabled()) {
			return plaintext;
		}
		Map.Entry<String, SecretKeySpec> key = this.keys.entrySet().iterator().next();
		byte[] nonce = new byte[NONCE_BYTES];
		this.random.nextBytes(nonce);
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, key.getValue(), new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(PREFIX.getBytes(StandardCharsets.US_ASCII));
			byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
			byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
			return PREFIX + key.getKey() + ":" + Base64.getEncoder().encodeToString(out);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM encryption failed (" + ex.getClass().getSimpleName() + ")");
		}
	}

	/**
	 * Open a text: a sealed one is decrypted with the key it names, any other is returned as it is.
	 * @param stored the stored text
	 * @return the plaintext
	 * @throws IllegalStateException when the text is sealed under a key not configured, or was altered
	 */
	public String open(String stored) {
		if (stored == null || !stored.startsWith(PREFIX)) {
			return stored;
		}
		int colon = stored.indexOf(':', PREFIX.length());
		if (colon < 0) {
			throw new IllegalStateException("A stored secret is sealed in an unknown format");
		}
		String fingerprint = stored.substring(PREFIX.length(), colon);
		SecretKeySpec key = this.keys.get(fingerprint);
		if (key == null) {
			throw new IllegalStateException("A stored secret is sealed under key " + fingerprint + ", which is not "
					+ "among webhooks.store.encryption-keys" + (isEnabled() ? "" : " (none is set)"));
		}
		try {
			byte[] in = Base64.getDecoder().decode(stored.substring(colon + 1));
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
			cipher.updateAAD(PREFIX.getBytes(StandardCharsets.US_ASCII));
			return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalStateException("A stored secret sealed under key " + fingerprint
					+ " cannot be decrypted: it was altered, or the key is not the one it was sealed with");
		}
	}

	/**
	 * The fingerprints of the keys, the encrypting one first: what start-up logs may show.
	 * @return the fingerprints
	 */
	public List<String> keyFingerprints() {
		return new ArrayList<>(this.keys.keySet());
	}

	private static String fingerprint(byte[] key) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
			return HexFormat.of().formatHex(digest, 0, 4);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	@Override
	public String toString() {
		return "SecretEncryption[keys=" + keyFingerprints() + "]";
	}

}
