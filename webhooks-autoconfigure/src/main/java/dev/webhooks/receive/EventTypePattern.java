package dev.webhooks.receive;

/**
 * An event type a listener subscribes to: an exact name, {@code prefix.*} (every type starting with
 * {@code prefix.}) or {@code *} (every type).
 */
final class EventTypePattern {

	private static final String ALL = "*";

	private final String pattern;

	private final String prefix;

	private EventTypePattern(String pattern, String prefix) {
		this.pattern = pattern;
		this.prefix = prefix;
	}

	/**
	 * Parse a pattern.
	 * @param pattern the pattern text
	 * @return the pattern
	 * @throws IllegalArgumentException when a {@code *} appears other than alone or as a final {@code .*}
	 */
	static EventTypePattern of(String pattern) {
		String value = (pattern != null) ? pattern.strip() : "";
		if (value.isEmpty()) {
			throw new IllegalArgumentException("An event type pattern is empty");
		}
		if (ALL.equals(value)) {
			return new EventTypePattern(value, "");
		}
		int star = value.indexOf('*');
		if (star < 0) {
			return new EventTypePattern(value, null);
		}
		if (star != value.length() - 1 || star < 2 || value.charAt(star - 1) != '.') {
			throw new IllegalArgumentException("The event type pattern '" + value
					+ "' is not valid: use an exact type, 'prefix.*' or '*'");
		}
		return new EventTypePattern(value, value.substring(0, star));
	}

	boolean matches(String type) {
		return (this.prefix != null) ? type.startsWith(this.prefix) : this.pattern.equals(type);
	}

	@Override
	public String toString() {
		return this.pattern;
	}

}
