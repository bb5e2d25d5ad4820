package dev.webhooks.api;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.webhooks.delivery.DeliveryLogQuery.Position;

/**
 * The opaque {@code next_cursor} and {@code prev_cursor} of list responses: a position in the newest-first
 * order ({@code created_at}, id, direction) in base64url, with a check value, so a cursor that was edited is
 * refused with a problem detail naming {@code cursor} rather than read as some other position. The check value is
 * an integrity check, not an authority: a cursor only says where a page starts, and every read stays scoped to the
 * caller's tenant, so the same cursor works on every instance of the application and across restarts.
 */
public final class PageCursors {

	private static final String VERSION = "1";

	private static final byte[] CHECK_KEY = "webhooks-page-cursor-v1".getBytes(StandardCharsets.US_ASCII);

	private static final int CHECK_BYTES = 12;

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	private PageCursors() {
	}

	/**
	 * The cursor of a position.
	 * @param position the position
	 * @return the cursor text
	 */
	public static String encode(Position position) {
		String text = VERSION + "|" + (position.newer() ? "n" : "o") + "|" + position.createdAt().getEpochSecond()
				+ "." + position.createdAt().getNano() + "|" + position.id();
		byte[] check = Arrays.copyOf(check(text), CHECK_BYTES);
		return ENCODER.encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "." + ENCODER.encodeToString(check);
	}

	/**
	 * The position of a cursor.
	 * @param cursor the cursor text, or {@code null}
	 * @return the position, or {@code null} without a cursor
	 * @throws ApiProblemException when the cursor was not made by {@link #encode} or was changed
	 */
	public static Position decode(String cursor) {
		if (cursor == null || cursor.isEmpty()) {
			return null;
		}
		try {
			int dot = cursor.indexOf('.');
			if (dot < 0) {
				throw invalid();
			}
			String text = new String(DECODER.decode(cursor.substring(0, dot)), StandardCharsets.UTF_8);
			byte[] check = DECODER.decode(cursor.substring(dot + 1));
			if (!MessageDigest.isEqual(check, Arrays.copyOf(check(text), CHECK_BYTES))) {
				throw invalid();
			}
			String[] parts = text.split("\\|", 4);
			if (parts.length != 4 || !VERSION.equals(parts[0]) || !(parts[1].equals("n") || parts[1].equals("o"))
					|| parts[3].isEmpty()) {
				throw invalid();
			}
			String[] time = parts[2].split("\\.", 2);
			Instant createdAt = Instant.ofEpochSecond(Long.parseLong(time[0]), Long.parseLong(time[1]));
			return new Position(createdAt, parts[3], parts[1].equals("n"));
		}
		catch (IllegalArgumentException | DateTimeException | ArrayIndexOutOfBoundsException ex) {
			throw invalid();
		}
	}

	private static ApiProblemException invalid() {
		return ApiProblemException.badRequest("cursor", "invalid-cursor",
				"The cursor is not one this API returned, or it was changed");
	}

	private static byte[] check(String text) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(CHECK_KEY, "HmacSHA256"));
			return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

}
