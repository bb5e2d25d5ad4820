package dev.webhooks.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Schemas applied by the envelope writer: what is stripped, masked, truncated and refused in each mode.
 */
class EventSchemaEnforcerTests {

	private static final String TYPE = "migration.completed";

	private final JsonMapper json = JsonMapper.shared();

	private final List<String> stripped = new ArrayList<>();

	@Test
	void writesOnlyTheDeclaredPropertiesAndReportsTheStrippedPaths() {
		WebhookEnvelopeWriter writer = writer(SchemaValidationMode.LENIENT);

		JsonNode body = write(writer, new Migration("mig_1", "COMPLETE", "call the CFO", null));

		assertThat(body.at("/data/object")).isEqualTo(json("{'id':'mig_1','status':'COMPLETE','token':'*****'}"));
		assertThat(this.stripped).containsExactly(TYPE + " $.notes");
	}

	@Test
	void masksASensitivePropertyWhateverTheSchemaDeclaresForIt() {
		WebhookEnvelopeWriter writer = writer(SchemaValidationMode.LENIENT);

		JsonNode body = write(writer, new Migration("mig_1", "COMPLETE", null, "whsk_live_secret"));

		assertThat(body.at("/data/object/token").asString()).isEqualTo(CredentialMasker.MASK);
		assertThat(body.toString()).doesNotContain("whsk_live_secret");
	}

	@Test
	void truncatesWhatIsStillTooLargeAfterStripping() {
		EnvelopeFormat format = EnvelopeFormat.builder().maxSize(1024).build();
		WebhookEnvelopeWriter writer = new WebhookEnvelopeWriter(this.json, format,
				new EventSchemaEnforcer(catalog(), SchemaValidationMode.LENIENT, this::record));

		JsonNode small = write(writer, new Migration("mig_1", "COMPLETE", "x".repeat(5000), null));
		JsonNode large = write(writer, new Migration("x".repeat(2000), "COMPLETE", null, null));

		assertThat(small.at("/data/object/id").asString()).as("fits once the large undeclared notes are stripped")
			.isEqualTo("mig_1");
		assertThat(large.at("/data/object").asString()).isEqualTo(EnvelopeFormat.TRUNCATED);
	}

	@Test
	void strictModeFailsAPayloadThatDoesNotMatchNamingTheTypePathAndRule() {
		WebhookEnvelopeWriter writer = writer(SchemaValidationMode.STRICT);

		assertThatExceptionOfType(EventSchemaViolationException.class)
			.isThrownBy(() -> writer.write(content(Map.of("status", 3, "notes", "secret notes"))))
			.withMessage("The payload of event type 'migration.completed' does not match its schema: "
					+ "$.status: integer found, string expected (type); $: required property 'id' not found (required)")
			.satisfies((ex) -> assertThat(ex.getType()).isEqualTo(TYPE))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("secret notes"));
	}

	@Test
	void strictModeSendsAMatchingPayloadStripped() {
		JsonNode body = write(writer(SchemaValidationMode.STRICT), new Migration("mig_1", "COMPLETE", "n", null));

		assertThat(body.at("/data/object").propertyNames()).containsExactly("id", "status", "token");
	}

	@Test
	void lenientModeSendsAPayloadThatDoesNotMatch() {
		JsonNode body = parse(writer(SchemaValidationMode.LENIENT).write(content(Map.of("status", 3, "notes", "n"))));

		assertThat(body.at("/data/object")).isEqualTo(json("{'status':3}"));
	}

	@Test
	void offSendsThePayloadAsJacksonWritesIt() {
		JsonNode body = write(writer(SchemaValidationMode.OFF), new Migration("mig_1", "COMPLETE", "n", null));

		assertThat(body.at("/data/object/notes").asString()).isEqualTo("n");
		assertThat(this.stripped).isEmpty();
	}

	@Test
	void leavesTypesWithoutASchemaAndTheCallersTreeAlone() {
		WebhookEnvelopeWriter writer = writer(SchemaValidationMode.STRICT);
		JsonNode tree = json("{'id':'mig_1','status':'COMPLETE','notes':'n'}");

		JsonNode other = parse(writer.write(new EventContent("evt_1", "migration.started", Instant.EPOCH, null, null,
				Map.of("anything", 1), null)));
		JsonNode published = parse(writer.write(content(tree)));

		assertThat(other.at("/data/object/anything").asInt()).isOne();
		assertThat(published.at("/data/object").propertyNames()).containsExactly("id", "status");
		assertThat(tree.has("notes")).as("the published tree is not changed").isTrue();
	}

	private WebhookEnvelopeWriter writer(SchemaValidationMode mode) {
		return new WebhookEnvelopeWriter(this.json, EnvelopeFormat.defaults(),
				new EventSchemaEnforcer(catalog(), mode, this::record));
	}

	private EventTypeCatalog catalog() {
		EventSchema schema = EventSchema.of(TYPE, json("{'type':'object','required':['id'],'properties':{"
				+ "'id':{'type':'string'},'status':{'type':'string'},'token':{'type':'string'}}}"));
		return new EventTypeCatalog(List.of(new EventTypeDefinition(TYPE, null, null, schema),
				new EventTypeDefinition("migration.started", null, null)));
	}

	private void record(String type, List<String> paths) {
		paths.forEach((path) -> this.stripped.add(type + " " + path));
	}

	private JsonNode write(WebhookEnvelopeWriter writer, Object data) {
		return parse(writer.write(content(data)));
	}

	private static EventContent content(Object data) {
		return new EventContent("evt_1", TYPE, Instant.EPOCH, null, null, data, null);
	}

	private JsonNode parse(byte[] body) {
		return this.json.readTree(body);
	}

	private JsonNode json(String text) {
		return this.json.readTree(text.replace('\'', '"'));
	}

	record Migration(String id, String status, String notes, @WebhookSensitive String token) {
	}

}
