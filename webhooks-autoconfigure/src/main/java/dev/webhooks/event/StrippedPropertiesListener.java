package dev.webhooks.event;

import java.util.List;

/**
 * Told when properties a schema does not declare were stripped from a payload, to count or log them. Gets the
 * paths, never the values.
 */
@FunctionalInterface
public interface StrippedPropertiesListener {

	/** Ignores what was stripped. */
	StrippedPropertiesListener NONE = (eventType, paths) -> {
	};

	/**
	 * Properties were stripped from one event's payload.
	 * @param eventType the event type
	 * @param paths where they were, {@code $.owner.email}, {@code $.tags[*].secret}; never empty
	 */
	void stripped(String eventType, List<String> paths);

}
