package dev.webhooks.signing;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 with one {@link Mac} per thread: {@code Mac.getInstance} walks the provider list and is far
 * slower than re-initialising an existing instance with another key.
 */
final class HmacSha256 {

	private static final String ALGORITHM = "HmacSHA256";

	private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(() -> {
		try {
			return Mac.getInstance(ALGORITHM);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("HmacSHA256 is not available in this JVM", ex);
		}
	});

	private HmacSha256() {
	}

	/**
	 * The MAC of the concatenation of the given parts.
	 * @param key the key
	 * @param parts the message, in pieces, so a large body is not copied to join them
	 * @return the 32-byte MAC
	 */
	static byte[] mac(byte[] key, byte[]... parts) {
		Mac mac = MAC.get();
		try {
			mac.init(new SecretKeySpec(key, ALGORITHM));
		}
		catch (InvalidKeyException ex) {
			throw new IllegalStateException("The webhook secret is not a usable HMAC key", ex);
		}
		for (byte[] part : parts) {
			mac.update(part);
		}
		return mac.doFinal();
	}

}
