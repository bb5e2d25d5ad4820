package dev.webhooks.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class EventSchemaGeneratorTests {

	private final JsonMapper json = JsonMapper.shared();

	@Test
	void generatesTheSchemaOfARecordAsJacksonWritesIt() {
		EventSchema schema = new EventSchemaGenerator().generate("migration.completed", MigrationView.class);

		assertThat(schema.document().get("$schema").asString()).isEqualTo(EventSchema.DIALECT);
		assertThat(schema.document().get("properties").propertyNames()).containsExactlyInAnyOrder("id", "status",
				"created_at", "owner", "tasks", "labels", "api_key");
		assertThat(schema.document().get("required").values()).extracting(JsonNode::asString).containsExactly("id");
	}

	@Test
	void aPayloadWrittenByJacksonKeepsWhatItsTypeDeclaresAndMatchesIt() {
		EventSchema schema = new EventSchemaGenerator().generate("migration.completed", MigrationView.class);
		JsonMapper masking = JsonMapper.builder().addModule(new SensitiveFieldsModule()).build();
		JsonNode payload = masking.valueToTree(new MigrationView("mig_1", Status.COMPLETE, Instant.EPOCH,
				new Owner("Ada", "ada@example.com"), List.of(new Task("t1", "token")), Map.of("team", "core"), "k"));
		((tools.jackson.databind.node.ObjectNode) payload).put("added_later", "leak");
		((tools.jackson.databind.node.ObjectNode) payload.get("owner")).put("password", "leak");

		List<String> stripped = schema.strip(payload);

		assertThat(stripped).containsExactlyInAnyOrder("$.added_later", "$.owner.password");
		assertThat(schema.violations(payload)).isEmpty();
		assertThat(payload.get("api_key").asString()).isEqualTo("*****");
		assertThat(payload.at("/owner/email").asString()).isEqualTo("ada@example.com");
		assertThat(payload.at("/labels/team").asString()).isEqualTo("core");
	}

	@Test
	void followsTheNamingStrategyOfTheApplicationsMapper() {
		JsonMapper snakeCase = JsonMapper.builder()
			.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
			.build();

		EventSchema schema = new EventSchemaGenerator(snakeCase).generate("task.done", Task.class);

		assertThat(schema.document().get("properties").propertyNames()).containsExactlyInAnyOrder("task_id",
				"secret_token");
	}

	enum Status {

		WORKING, COMPLETE

	}

	record Owner(String name, String email) {
	}

	record Task(String taskId, String secretToken) {
	}

	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record MigrationView(@JsonProperty(required = true) String id, Status status, Instant createdAt, Owner owner,
			List<Task> tasks, Map<String, String> labels, @WebhookSensitive String apiKey) {

		@JsonIgnore
		public String runTime() {
			return "1.0s";
		}

	}

}
