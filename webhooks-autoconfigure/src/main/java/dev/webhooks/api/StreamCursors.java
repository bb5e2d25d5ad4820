package dev.webhooks.api;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;

import dev.webhooks.delivery.DeliveryFeedPosition;

/**
 * The opaque {@code id} of the stream's events, which a client sends back as {@code Last-Event-ID} to resume: a
 * {@link DeliveryFeedPosition} in base64url. It positions a read that stays scoped to the caller's tenant, so it
 * carries no authority and works on every instance.
 */
public final class StreamCursors {

	private static final String VERSION = "s1";

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	private StreamCursors() {
	}

	/**
	 * The cursor of a position.
	 * @param position the position
	 * @return the cursor text
	 */
	public static String encode(DeliveryFeedPosition position) {
		String text = VERSION + "|" + position.createdAt().getEpochSecond() + "." + position.createdAt().getNano() + "|"
				+ position.attemptId() + "|" + position.deliveryId();
		return ENCODER.encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The position of a cursor.
	 * @param cursor the cursor, or {@code null}
	 * @return the position, or {@code null} without a cursor
	 * @throws ApiProblemException when the cursor is not one the stream sent
	 */
	public static DeliveryFeedPosition decode(String cursor) {
		if (cursor == null || cursor.isBlank()) {
			return null;
		}
		try {
			String text = new String(DECODER.decode(cursor.trim()), StandardCharsets.UTF_8);
			String[] parts = text.split("\\|", 4);
			if (parts.length != 4 || !VERSION.equals(parts[0])) {
				throw invalid();
			}
			String[] time = parts[1].split("\\.", 2);
			Instant createdAt = Instant.ofEpochSecond(Long.parseLong(time[0]), Long.parseLong(time[1]));
			return new DeliveryFeedPosition(createdAt, parts[3], Long.parseLong(parts[2]));
		}
		catch (IllegalArgumentException | DateTimeException | ArrayIndexOutOfBoundsException ex) {
			throw invalid();
		}
	}

	private static ApiProblemException invalid() {
		return ApiProblemException.badRequest("last_event_id", "invalid-cursor",
				"Last-Event-ID is not an id this stream sent");
	}

}
