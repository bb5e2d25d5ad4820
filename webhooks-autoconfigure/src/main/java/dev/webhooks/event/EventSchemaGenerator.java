package dev.webhooks.event;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.github.victools.jsonschema.generator.CustomPropertyDefinition;
import com.github.victools.jsonschema.generator.MemberScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerationContext;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.PropertyNamingStrategy;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.json.JsonMapper;

/**
 * Generates the JSON Schema (draft 2020-12) of a payload type, a record or a POJO, as Jackson writes it: the
 * victools generator with its Jackson module reads {@code @JsonProperty}, {@code @JsonIgnore},
 * {@code @JsonNaming} and the like, and the naming strategy of the application's mapper is applied to the other
 * names. Every property may be {@code null}; only {@code @JsonProperty(required = true)} ones are required. A
 * {@link WebhookSensitive @WebhookSensitive} property is declared as the string it is sent as,
 * {@value CredentialMasker#MASK}. Subtypes are not looked up, so what only a subtype has is stripped.
 */
public class EventSchemaGenerator {

	private final SchemaGenerator generator;

	private final Map<Class<?>, JsonNode> generated = new ConcurrentHashMap<>();

	/** Create a generator for a plain Jackson mapper. */
	public EventSchemaGenerator() {
		this(JsonMapper.shared());
	}

	/**
	 * Create a generator.
	 * @param mapper the mapper that writes payloads, whose naming strategy is followed
	 */
	public EventSchemaGenerator(ObjectMapper mapper) {
		SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12,
				OptionPreset.PLAIN_JSON)
			.with(new JacksonModule(JacksonOption.RESPECT_JSONPROPERTY_REQUIRED, JacksonOption.SKIP_SUBTYPE_LOOKUP,
					JacksonOption.FLATTENED_ENUMS_FROM_JSONVALUE, JacksonOption.FLATTENED_ENUMS_FROM_JSONPROPERTY))
			.with(Option.NULLABLE_FIELDS_BY_DEFAULT, Option.NULLABLE_METHOD_RETURN_VALUES_BY_DEFAULT,
					Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES);
		config.forFields().withCustomDefinitionProvider(EventSchemaGenerator::masked);
		config.forMethods().withCustomDefinitionProvider(EventSchemaGenerator::masked);
		PropertyNamingStrategy naming = mapper.serializationConfig().getPropertyNamingStrategy();
		if (naming instanceof PropertyNamingStrategies.NamingBase base) {
			SerializationConfig serialization = mapper.serializationConfig();
			config.forFields().withPropertyNameOverrideResolver((field) -> renamed(base, serialization, field));
		}
		this.generator = new SchemaGenerator(config.build());
	}

	/**
	 * Generate the schema of a payload type.
	 * @param eventType the event type, for messages
	 * @param payloadType the type of {@code data.object}
	 * @return the schema
	 * @throws IllegalArgumentException naming the type when the generated schema cannot be used
	 */
	public EventSchema generate(String eventType, Class<?> payloadType) {
		JsonNode document = this.generated.computeIfAbsent(payloadType, this.generator::generateSchema);
		return EventSchema.of(eventType, document);
	}

	private static CustomPropertyDefinition masked(MemberScope<?, ?> member, SchemaGenerationContext context) {
		if (member.getAnnotationConsideringFieldAndGetterIfSupported(WebhookSensitive.class) == null) {
			return null;
		}
		return new CustomPropertyDefinition(context.getGeneratorConfig()
			.createObjectNode()
			.put("type", "string")
			.put("const", CredentialMasker.MASK));
	}

	/**
	 * The global naming strategy, for names that no annotation set: the Jackson module gives those it changes
	 * itself ({@code @JsonProperty}, {@code @JsonNaming}), which win as they do when Jackson writes.
	 */
	private static String renamed(PropertyNamingStrategies.NamingBase naming, SerializationConfig config,
			MemberScope<?, ?> member) {
		if (member.getAnnotationConsideringFieldAndGetterIfSupported(JsonProperty.class) != null
				|| member.getDeclaringType().getErasedType().isAnnotationPresent(JsonNaming.class)) {
			return null;
		}
		// the standard strategies translate the name alone, whatever the member
		return naming.nameForField(config, null, member.getDeclaredName());
	}

}
