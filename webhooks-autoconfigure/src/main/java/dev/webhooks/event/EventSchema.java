package dev.webhooks.event;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonValue;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import tools.jackson.databind.JsonNode;

/**
 * The JSON Schema (draft 2020-12) of one event type's payload ({@code data.object}): checked against the
 * draft's meta-schema and compiled when the type is declared, then used for every event of the type to strip
 * the properties it does not declare ({@link PayloadStripper}) and, when asked, to validate what is left. Written
 * as the schema document itself, so the catalog shows it as declared.
 * <p>
 * Thread-safe and immutable.
 */
public final class EventSchema {

	/** The only dialect accepted in {@code $schema}. */
	public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

	// JSON paths ($.owner.email) in messages; the meta-schemas are served from the validator's jar, and a schema
	// may refer only to itself (PayloadStripper refuses any other $ref), so nothing is ever fetched
	private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
			(builder) -> builder
				.schemaRegistryConfig(SchemaRegistryConfig.builder().pathType(PathType.JSON_PATH).build()));

	private static final Schema META_SCHEMA = REGISTRY.getSchema(SchemaLocation.of(DIALECT));

	private final JsonNode document;

	private final Schema validator;

	private final PayloadStripper stripper;

	private EventSchema(JsonNode document, Schema validator, PayloadStripper stripper) {
		this.document = document;
		this.validator = validator;
		this.stripper = stripper;
	}

	/**
	 * Check and compile a schema.
	 * @param eventType the event type it describes, for messages
	 * @param document the schema document, kept as given (a copy)
	 * @return the schema
	 * @throws IllegalArgumentException naming the type and what is wrong: not a valid 2020-12 schema (with the
	 * path), another dialect, or a keyword that cannot be stripped safely
	 */
	public static EventSchema of(String eventType, JsonNode document) {
		String problem = "The schema of event type '" + eventType + "' ";
		if (document == null || !(document.isObject() || document.isBoolean())) {
			throw new IllegalArgumentException(problem + "must be a JSON object");
		}
		JsonNode copy = document.deepCopy();
		JsonNode dialect = copy.get("$schema");
		if (dialect != null && !DIALECT.equals(dialect.asString().replaceAll("#$", ""))) {
			throw new IllegalArgumentException(problem + "declares $schema " + dialect
					+ ": only JSON Schema draft 2020-12 (" + DIALECT + ") is supported");
		}
		List<String> invalid = messages(META_SCHEMA.validate(copy));
		if (!invalid.isEmpty()) {
			throw new IllegalArgumentException(problem + "is not a valid JSON Schema 2020-12: " + String.join("; ", invalid));
		}
		PayloadStripper stripper;
		Schema validator;
		try {
			stripper = PayloadStripper.compile(copy);
			validator = REGISTRY.getSchema(copy);
			validator.initializeValidators();
		}
		catch (IllegalArgumentException | SchemaException ex) {
			throw new IllegalArgumentException(problem + "cannot be used: " + ex.getMessage(), ex);
		}
		return new EventSchema(copy, validator, stripper);
	}

	/**
	 * The schema document, as declared or generated.
	 * @return the document (do not change it)
	 */
	@JsonValue
	public JsonNode document() {
		return this.document;
	}

	/**
	 * Remove, in place, every property of a payload that the schema does not declare.
	 * @param payload the payload tree, changed by this call
	 * @return the paths removed ({@code $.owner.email}), empty when nothing was
	 */
	public List<String> strip(JsonNode payload) {
		return this.stripper.strip(payload);
	}

	/**
	 * Validate a payload.
	 * @param payload the payload tree
	 * @return one line per rule broken, {@code "$.id: required property 'id' not found (required)"}: the path, the
	 * validator's message and the keyword; empty when it matches
	 */
	public List<String> violations(JsonNode payload) {
		return messages(this.validator.validate(payload));
	}

	private static List<String> messages(List<Error> errors) {
		Set<String> messages = new LinkedHashSet<>();
		for (Error error : errors) {
			// the validator's message starts with the location it found: "$.n: string found, integer expected"
			messages.add(error.toString() + " (" + error.getKeyword() + ")");
		}
		return List.copyOf(messages);
	}

	@Override
	public String toString() {
		return this.document.toString();
	}

}
