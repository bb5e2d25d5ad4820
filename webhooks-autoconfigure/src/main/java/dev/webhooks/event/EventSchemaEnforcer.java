package dev.webhooks.event;

import java.util.List;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;

/**
 * Applies each event type's schema to its payload before the envelope is written: the payload becomes a tree,
 * loses every property its schema does not declare and, when validation is {@link SchemaValidationMode#STRICT
 * strict}, must then match the schema. Types without a schema, and every type when validation is
 * {@link SchemaValidationMode#OFF off}, are written as they are. Called once per event, never per endpoint.
 */
public class EventSchemaEnforcer {

	/** Applies no schema. */
	public static final EventSchemaEnforcer NONE = new EventSchemaEnforcer(new EventTypeCatalog(List.of()),
			SchemaValidationMode.OFF, StrippedPropertiesListener.NONE);

	private final EventTypeCatalog catalog;

	private final SchemaValidationMode mode;

	private final StrippedPropertiesListener listener;

	/**
	 * Create an enforcer.
	 * @param catalog where each type's schema is found
	 * @param mode what to do with it
	 * @param listener told what was stripped
	 */
	public EventSchemaEnforcer(EventTypeCatalog catalog, SchemaValidationMode mode,
			StrippedPropertiesListener listener) {
		this.catalog = catalog;
		this.mode = mode;
		this.listener = listener;
	}

	/**
	 * The payload to write for an event.
	 * @param type the event type
	 * @param data the payload, as published
	 * @param toTree turns the payload into a new tree, as the envelope's mapper writes it (so
	 * {@link WebhookSensitive @WebhookSensitive} properties are already masked)
	 * @return {@code data} itself when no schema applies, otherwise the stripped tree
	 * @throws EventSchemaViolationException in strict mode, when the stripped payload does not match the schema
	 */
	public Object apply(String type, Object data, Function<Object, JsonNode> toTree) {
		if (this.mode == SchemaValidationMode.OFF || data == null) {
			return data;
		}
		EventSchema schema = this.catalog.find(type).map(EventTypeDefinition::schema).orElse(null);
		if (schema == null) {
			return data;
		}
		JsonNode payload = (data instanceof JsonNode node) ? node.deepCopy() : toTree.apply(data);
		List<String> stripped = schema.strip(payload);
		if (!stripped.isEmpty()) {
			this.listener.stripped(type, stripped);
		}
		if (this.mode == SchemaValidationMode.STRICT) {
			List<String> violations = schema.violations(payload);
			if (!violations.isEmpty()) {
				throw new EventSchemaViolationException(type, violations);
			}
		}
		return payload;
	}

}
