package dev.webhooks.event;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A subscription filter on event types: an exact type ({@code lead.created}), a prefix with a trailing wildcard
 * ({@code lead.*}, which matches {@code lead.created} and {@code lead.score.changed}), a wildcard segment
 * ({@code *.failed}, one segment), or {@code *} for every type.
 */
public final class EventTypePattern {

	/** The pattern that matches every type. */
	public static final String ANY = "*";

	private static final int MAX_PARSED = 10_000;

	// subscriptions are matched on every publish; the patterns are few and immutable, so each is parsed once
	private static final Map<String, EventTypePattern> PARSED = new ConcurrentHashMap<>();

	private final String pattern;

	private final String[] segments;

	private EventTypePattern(String pattern) {
		this.pattern = pattern;
		this.segments = pattern.split("\\.", -1);
	}

	/**
	 * Parse a pattern.
	 * @param pattern the pattern text
	 * @return the pattern
	 * @throws IllegalArgumentException when the text is not a valid pattern
	 */
	public static EventTypePattern of(String pattern) {
		EventTypePattern parsed = (pattern != null) ? PARSED.get(pattern) : null;
		if (parsed == null) {
			parsed = parse(pattern);
			if (PARSED.size() >= MAX_PARSED) {
				PARSED.clear();
			}
			PARSED.put(pattern, parsed);
		}
		return parsed;
	}

	private static EventTypePattern parse(String pattern) {
		if (pattern == null || pattern.isBlank()) {
			throw new IllegalArgumentException("An event-type pattern must not be empty");
		}
		String trimmed = pattern.strip();
		for (String segment : trimmed.split("\\.", -1)) {
			if (!segment.equals(ANY) && !EventTypes.isValidSegment(segment)) {
				throw new IllegalArgumentException("'" + pattern + "' is not a valid event-type pattern: use names "
						+ "of letters, digits, '_' and '-' separated by '.', with '*' for a whole segment");
			}
		}
		return new EventTypePattern(trimmed);
	}

	/**
	 * Whether the pattern matches an event type.
	 * @param type the event type
	 * @return {@code true} when the type matches
	 */
	public boolean matches(String type) {
		if (type == null) {
			return false;
		}
		if (ANY.equals(this.pattern)) {
			return true;
		}
		String[] parts = type.split("\\.", -1);
		for (int i = 0; i < this.segments.length; i++) {
			boolean last = i == this.segments.length - 1;
			if (i >= parts.length) {
				return false;
			}
			if (ANY.equals(this.segments[i])) {
				if (last) {
					return true;
				}
			}
			else if (!this.segments[i].equals(parts[i])) {
				return false;
			}
		}
		return parts.length == this.segments.length;
	}

	/**
	 * Whether any of the patterns matches the type; an empty list matches every type.
	 * @param patterns the patterns
	 * @param type the event type
	 * @return {@code true} when the type is subscribed
	 */
	public static boolean anyMatches(Iterable<EventTypePattern> patterns, String type) {
		boolean empty = true;
		for (EventTypePattern pattern : patterns) {
			empty = false;
			if (pattern.matches(type)) {
				return true;
			}
		}
		return empty;
	}

	/**
	 * Whether the pattern contains a wildcard.
	 * @return {@code true} for {@code lead.*} or {@code *}, {@code false} for an exact type
	 */
	public boolean isWildcard() {
		return Arrays.asList(this.segments).contains(ANY);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof EventTypePattern that && this.pattern.equals(that.pattern);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.pattern);
	}

	@Override
	public String toString() {
		return this.pattern;
	}

}
