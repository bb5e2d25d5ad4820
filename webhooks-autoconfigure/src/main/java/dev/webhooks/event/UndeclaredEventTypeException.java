package dev.webhooks.event;

/**
 * Thrown when an event of a type that the {@link EventTypeCatalog} does not declare is published while the
 * catalog is strict.
 */
public class UndeclaredEventTypeException extends IllegalArgumentException {

	private final String type;

	public UndeclaredEventTypeException(String type) {
		super("Event type '" + type + "' is not declared: declare it under webhooks.event-types in application.yml "
				+ "or with @WebhookEvent, or set webhooks.publisher.strict-event-types=false");
		this.type = type;
	}

	/**
	 * The undeclared type.
	 * @return the type
	 */
	public String getType() {
		return this.type;
	}

}
