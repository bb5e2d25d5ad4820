package dev.webhooks.event;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * One entry of the {@link EventTypeCatalog}: an event type with what it means and what its payload looks like.
 * An example that its schema would not send as it is (a property the schema does not declare, or a rule it
 * breaks) cannot be declared, so the catalog never shows an example that could not be sent.
 *
 * @param type the event type, for example {@code migration.completed}
 * @param description when it is published, or {@code null}
 * @param example an example {@code data.object}, as maps, lists and values or any object Jackson can write, or
 * {@code null}
 * @param schema the JSON Schema of {@code data.object}, or {@code null} to send the payload as Jackson writes it
 */
public record EventTypeDefinition(String type, String description, Object example, EventSchema schema) {

	private static final ObjectMapper EXAMPLES = JsonMapper.shared();

	/**
	 * Create an entry, checking its example against its schema.
	 * @throws IllegalArgumentException naming the type and each path of the example that is wrong
	 */
	public EventTypeDefinition {
		EventTypes.requireValid(type);
		if (schema != null && example != null) {
			requireSendable(type, example, schema);
		}
	}

	/**
	 * Create an entry without a schema.
	 * @param type the event type
	 * @param description when it is published, or {@code null}
	 * @param example an example {@code data.object}, or {@code null}
	 */
	public EventTypeDefinition(String type, String description, Object example) {
		this(type, description, example, null);
	}

	private static void requireSendable(String type, Object example, EventSchema schema) {
		JsonNode tree = EXAMPLES.valueToTree(example);
		List<String> problems = new ArrayList<>();
		schema.strip(tree).forEach((path) -> problems.add(path + ": not declared by the schema, so never sent"));
		problems.addAll(schema.violations(tree));
		if (!problems.isEmpty()) {
			throw new IllegalArgumentException("The example of event type '" + type + "' does not match its schema: "
					+ String.join("; ", problems));
		}
	}

}
