package dev.webhooks.event;

import java.util.regex.Pattern;

/**
 * Rules for event-type names: segments of letters, digits, {@code _} and {@code -} separated by dots, such as
 * {@code migration.completed} or {@code migration_task.failed}.
 */
public final class EventTypes {

	private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-]+");

	/** Longest event-type name accepted (the store's column). */
	public static final int MAX_LENGTH = 255;

	private EventTypes() {
	}

	/**
	 * Check an event-type name.
	 * @param type the name
	 * @return the name
	 * @throws IllegalArgumentException naming the type when it is not valid
	 */
	public static String requireValid(String type) {
		if (type == null || type.isBlank()) {
			throw new IllegalArgumentException("An event type must not be empty");
		}
		if (type.length() > MAX_LENGTH) {
			throw new IllegalArgumentException("Event type '" + type.substring(0, 40) + "…' is longer than "
					+ MAX_LENGTH + " characters");
		}
		for (String segment : type.split("\\.", -1)) {
			if (!isValidSegment(segment)) {
				throw new IllegalArgumentException("'" + type + "' is not a valid event type: use names of letters, "
						+ "digits, '_' and '-' separated by '.', such as 'migration.completed'");
			}
		}
		return type;
	}

	static boolean isValidSegment(String segment) {
		return SEGMENT.matcher(segment).matches();
	}

}
