package dev.webhooks.event;

/**
 * One entry of the {@link EventTypeCatalog}: an event type with what it means and what its payload looks like.
 *
 * @param type the event type, for example {@code migration.completed}
 * @param description when it is published, or {@code null}
 * @param example an example {@code data.object}, as maps, lists and values or any object Jackson can write, or
 * {@code null}
 */
public record EventTypeDefinition(String type, String description, Object example) {

	public EventTypeDefinition {
		EventTypes.requireValid(type);
	}

}
