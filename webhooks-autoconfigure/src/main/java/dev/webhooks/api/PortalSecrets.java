package dev.webhooks.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The random secrets of portal sessions, a link token ({@code wpt_}) and a browser's session secret ({@code wps_}),
 * 256 bits each from {@link SecureRandom}, and the SHA-256 hash that is all the store keeps of them. The prefixes
 * let secret scanners recognise a leaked one.
 */
final class PortalSecrets {

	static final String TOKEN_PREFIX = "wpt_";

	static final String SESSION_PREFIX = "wps_";

	private static final int BYTES = 32;

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private PortalSecrets() {
	}

	static String newToken() {
		return TOKEN_PREFIX + random();
	}

	static String newSessionSecret() {
		return SESSION_PREFIX + random();
	}

	static String newId() {
		return "ps_" + random().substring(0, 22);
	}

	private static String random() {
		byte[] bytes = new byte[BYTES];
		RANDOM.nextBytes(bytes);
		return ENCODER.encodeToString(bytes);
	}

	static String hash(String secret) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
				.digest(secret.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

}
