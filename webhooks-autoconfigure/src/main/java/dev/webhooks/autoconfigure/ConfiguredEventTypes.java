package dev.webhooks.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.webhooks.event.EventSchema;
import dev.webhooks.event.EventTypeDefinition;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Turns the entries of {@code webhooks.event-types} into catalog definitions: the schema inline or read from
 * {@code schema-location}, and the YAML lists of schemas and examples given back their shape (binding to a map
 * turns {@code required: [id, name]} into {@code {0: id, 1: name}}).
 */
final class ConfiguredEventTypes {

	private static final ObjectMapper JSON = JsonMapper.builder().build();

	private final ResourceLoader resources;

	ConfiguredEventTypes(ResourceLoader resources) {
		this.resources = resources;
	}

	List<EventTypeDefinition> definitions(List<WebhooksProperties.EventType> eventTypes) {
		List<EventTypeDefinition> definitions = new ArrayList<>();
		for (WebhooksProperties.EventType type : eventTypes) {
			if (type.getType() == null || type.getType().isBlank()) {
				throw new IllegalStateException("Every entry of webhooks.event-types needs a type");
			}
			definitions.add(new EventTypeDefinition(type.getType(), type.getDescription(),
					restoreLists(type.getExample()), schema(type)));
		}
		return definitions;
	}

	private EventSchema schema(WebhooksProperties.EventType type) {
		boolean inline = type.getSchema() != null;
		boolean located = type.getSchemaLocation() != null && !type.getSchemaLocation().isBlank();
		if (inline && located) {
			throw new IllegalStateException("Event type '" + type.getType() + "' declares both schema and "
					+ "schema-location under webhooks.event-types: keep one");
		}
		if (inline) {
			return EventSchema.of(type.getType(), JSON.valueToTree(restoreLists(type.getSchema())));
		}
		return located ? EventSchema.of(type.getType(), read(type.getType(), type.getSchemaLocation())) : null;
	}

	private JsonNode read(String type, String location) {
		Resource resource = this.resources.getResource(location);
		try (InputStream in = resource.getInputStream()) {
			return JSON.readTree(in);
		}
		catch (IOException ex) {
			throw new IllegalStateException("The schema-location of event type '" + type + "', " + location
					+ ", cannot be read: " + ex.getMessage(), ex);
		}
		catch (JacksonException ex) {
			throw new IllegalStateException("The schema-location of event type '" + type + "', " + location
					+ ", is not JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	/** A map whose keys are exactly 0 to n-1 was a list before binding. */
	static Object restoreLists(Object value) {
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> restored = new LinkedHashMap<>();
			map.forEach((key, entry) -> restored.put(String.valueOf(key), restoreLists(entry)));
			if (!restored.isEmpty() && isIndexed(restored)) {
				List<Object> list = new ArrayList<>(restored.size());
				for (int i = 0; i < restored.size(); i++) {
					list.add(restored.get(String.valueOf(i)));
				}
				return list;
			}
			return restored;
		}
		if (value instanceof List<?> list) {
			return list.stream().map(ConfiguredEventTypes::restoreLists).toList();
		}
		return value;
	}

	private static boolean isIndexed(Map<String, Object> map) {
		for (int i = 0; i < map.size(); i++) {
			if (!map.containsKey(String.valueOf(i))) {
				return false;
			}
		}
		return true;
	}

}
