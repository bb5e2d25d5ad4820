package dev.webhooks.event;

import java.util.List;

/**
 * Thrown when a payload does not match its event type's schema while schema validation is
 * {@link SchemaValidationMode#STRICT strict}: the message names the type and, for each rule broken, the path and
 * the rule, never a value of the payload.
 */
public class EventSchemaViolationException extends IllegalArgumentException {

	private final String type;

	private final List<String> violations;

	/**
	 * Create an exception.
	 * @param type the event type
	 * @param violations one line per rule broken, as {@link EventSchema#violations} gives them
	 */
	public EventSchemaViolationException(String type, List<String> violations) {
		super("The payload of event type '" + type + "' does not match its schema: " + String.join("; ", violations));
		this.type = type;
		this.violations = List.copyOf(violations);
	}

	/**
	 * The event type.
	 * @return the type
	 */
	public String getType() {
		return this.type;
	}

	/**
	 * What is wrong.
	 * @return one line per rule broken: path, message, keyword
	 */
	public List<String> getViolations() {
		return this.violations;
	}

}
