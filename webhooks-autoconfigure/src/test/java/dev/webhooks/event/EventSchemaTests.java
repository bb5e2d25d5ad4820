package dev.webhooks.event;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EventSchemaTests {

	private static final String MIGRATION = "{'type':'object','required':['id','status'],'properties':{"
			+ "'id':{'type':'string'},'status':{'enum':['WORKING','COMPLETE']},'seconds':{'type':'integer','minimum':0},"
			+ "'tasks':{'type':'array','items':{'type':'object','required':['id'],'properties':{'id':{'type':'string'}}}}}}";

	private final JsonMapper json = JsonMapper.shared();

	@Test
	void namesThePathAndTheRuleOfEachViolation() {
		EventSchema schema = EventSchema.of("migration.completed", json(MIGRATION));

		List<String> violations = schema.violations(json("{'status':'LOST','seconds':'4.2','tasks':[{}]}"));

		assertThat(violations).containsExactlyInAnyOrder("$: required property 'id' not found (required)",
				"$.status: does not have a value in the enumeration [\"WORKING\", \"COMPLETE\"] (enum)",
				"$.seconds: string found, integer expected (type)",
				"$.tasks[0]: required property 'id' not found (required)");
	}

	@Test
	void aMatchingPayloadHasNoViolation() {
		EventSchema schema = EventSchema.of("migration.completed", json(MIGRATION));

		assertThat(schema.violations(json("{'id':'mig_1','status':'COMPLETE','tasks':[{'id':'t1'}]}"))).isEmpty();
	}

	@Test
	void refusesASchemaThatIsNotValidJsonSchema() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EventSchema.of("migration.completed",
					json("{'properties':{'seconds':{'type':'integer','minimum':'1'}},'additionalProperties':'no'}")))
			.withMessageStartingWith("The schema of event type 'migration.completed' is not a valid JSON Schema 2020-12: ")
			.withMessageContaining("$.properties.seconds.minimum: string found, number expected")
			.withMessageContaining("$.additionalProperties: string found, [object, boolean] expected");
	}

	@Test
	void refusesAnotherDialect() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EventSchema.of("migration.completed",
					json("{'$schema':'http://json-schema.org/draft-07/schema#'}")))
			.withMessage("The schema of event type 'migration.completed' declares $schema "
					+ "\"http://json-schema.org/draft-07/schema#\": only JSON Schema draft 2020-12 "
					+ "(https://json-schema.org/draft/2020-12/schema) is supported");
	}

	@Test
	void refusesASchemaItCannotStripSafelyNamingTheTypeAndTheKeyword() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EventSchema.of("migration.completed",
					json("{'properties':{'labels':{'patternProperties':{'^x-':{}}}}}")))
			.withMessageStartingWith("The schema of event type 'migration.completed' cannot be used: "
					+ "#/properties/labels/patternProperties cannot be stripped safely");
	}

	@Test
	void isWrittenAsTheSchemaDocument() {
		EventSchema schema = EventSchema.of("migration.completed", json(MIGRATION));

		assertThat(this.json.readTree(this.json.writeValueAsString(Map.of("schema", schema))).get("schema"))
			.isEqualTo(json(MIGRATION));
	}

	@Test
	void anExampleWithAPropertyTheSchemaDoesNotDeclareCannotBeDeclared() {
		EventSchema schema = EventSchema.of("migration.completed", json(MIGRATION));

		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EventTypeDefinition("migration.completed", null,
					Map.of("id", "mig_1", "status", "COMPLETE", "internal", Map.of("cost", 3)), schema))
			.withMessage("The example of event type 'migration.completed' does not match its schema: "
					+ "$.internal: not declared by the schema, so never sent");
	}

	@Test
	void anExampleThatBreaksARuleCannotBeDeclared() {
		EventSchema schema = EventSchema.of("migration.completed", json(MIGRATION));

		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EventTypeDefinition("migration.completed", null,
					Map.of("id", "mig_1", "status", "COMPLETE", "tasks", List.of(Map.of())), schema))
			.withMessage("The example of event type 'migration.completed' does not match its schema: "
					+ "$.tasks[0]: required property 'id' not found (required)");
	}

	@Test
	void theCatalogKeepsTheConfiguredSchemaOverTheGeneratedOneAndChecksTheExampleAgainstIt() {
		EventSchema configured = EventSchema.of("migration.completed", json(MIGRATION));
		EventTypeCatalog catalog = new EventTypeCatalog(List.of(new EventTypeDefinition("migration.completed",
				"Configured", Map.of("id", "mig_1", "status", "COMPLETE"), configured)));

		catalog.declare(Annotated.class.getAnnotation(WebhookEvent.class));
		catalog.declare(Other.class.getAnnotation(WebhookEvent.class));

		assertThat(catalog.find("migration.completed").orElseThrow().schema()).isSameAs(configured);
		assertThat(catalog.find("migration.started").orElseThrow().schema().document().get("properties")
			.propertyNames()).containsExactly("id");
	}

	private JsonNode json(String text) {
		return this.json.readTree(text.replace('\'', '"'));
	}

	@WebhookEvent(value = "migration.completed", payload = Started.class)
	static class Annotated {

	}

	@WebhookEvent(value = "migration.started", payload = Started.class)
	static class Other {

	}

	record Started(String id) {
	}

}
