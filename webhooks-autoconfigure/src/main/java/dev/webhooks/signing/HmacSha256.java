package dev.webhooks.signing;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 with one {@link Mac} per thread: {@code Mac.getInstance} walks the provider list and is far
 * slower than re-initialising an existing instance with another key. A thread that uses the same key again (a
 * receiver verifying one source's webhooks) skips even that: {@link Mac#doFinal()} leaves the instance keyed.
 */
final class HmacSha256 {

	private static final String ALGORITHM = "HmacSHA256";

	private static final ThreadLocal<KeyedMac> MAC = ThreadLocal.withInitial(KeyedMac::new);

	private HmacSha256() {
	}

	/**
	 * The MAC of the concatenation of the given parts.
	 * @param key the key; the caller never changes its content, since an instance keyed with the same array is
	 * reused without looking at it again
	 * @param parts the message, in pieces, so a large body is not copied to join them
	 * @return the 32-byte MAC
	 */
	static byte[] mac(byte[] key, byte[]... parts) {
		KeyedMac keyed = MAC.get();
		Mac mac = keyed.keyedWith(key);
		try {
			for (byte[] part : parts) {
				mac.update(part);
			}
			return mac.doFinal();
		}
		catch (RuntimeException ex) {
			// a MAC left half-updated must be re-initialised before its next use
			keyed.forget();
			throw ex;
		}
	}

	/** A thread's {@link Mac} and the key array it was last initialised with. */
	private static final class KeyedMac {

		private final Mac mac;

		private byte[] key;

		KeyedMac() {
			try {
				this.mac = Mac.getInstance(ALGORITHM);
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException("HmacSHA256 is not available in this JVM", ex);
			}
		}

		Mac keyedWith(byte[] key) {
			if (key != this.key) {
				this.key = null;
				try {
					this.mac.init(new SecretKeySpec(key, ALGORITHM));
				}
				catch (InvalidKeyException ex) {
					throw new IllegalStateException("The webhook secret is not a usable HMAC key", ex);
				}
				this.key = key;
			}
			return this.mac;
		}

		void forget() {
			this.key = null;
		}

	}

}
