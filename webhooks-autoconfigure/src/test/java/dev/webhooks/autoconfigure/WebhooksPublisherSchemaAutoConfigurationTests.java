package dev.webhooks.autoconfigure;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import dev.webhooks.event.EventSchemaViolationException;
import dev.webhooks.event.EventTypeCatalog;
import dev.webhooks.event.WebhookEvent;
import dev.webhooks.publish.WebhookPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.webhooks.autoconfigure.WebhooksPublisherAutoConfigurationTests.readEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Event-type schemas as configured: inline, from a classpath resource, generated from {@code @WebhookEvent}'s
 * payload type, and the start-up failures of a wrong one.
 */
class WebhooksPublisherSchemaAutoConfigurationTests {

	private static final String[] INLINE_SCHEMA = { "webhooks.event-types[0].type=migration.completed",
			"webhooks.event-types[0].schema.type=object", "webhooks.event-types[0].schema.required[0]=id",
			"webhooks.event-types[0].schema.properties.id.type=string",
			"webhooks.event-types[0].schema.properties.tags.type=array",
			"webhooks.event-types[0].schema.properties.tags.items.type=string" };

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, JacksonAutoConfiguration.class,
				WebhooksStoreAutoConfiguration.class, WebhooksPublisherAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

	@Test
	void anInlineSchemaStripsWhatItDoesNotDeclareAndIsInTheCatalogWithItsLists() {
		this.runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues(INLINE_SCHEMA)
			.run((context) -> {
				String eventId = context.getBean(WebhookPublisher.class)
					.publish("migration.completed", Map.of("id", "mig_1", "tags", List.of("a"), "notes", "n"));

				assertThat(readEvent(context.getBean(DataSource.class), eventId).at("/data/object"))
					.isEqualTo(json("{'id':'mig_1','tags':['a']}"));
				JsonNode schema = context.getBean(EventTypeCatalog.class).find("migration.completed").orElseThrow()
					.schema().document();
				assertThat(schema.get("required")).isEqualTo(json("['id']"));
				assertThat(context.getBean(MeterRegistry.class).get("webhooks.payload.stripped")
					.tag("event.type", "migration.completed").counter().count()).isEqualTo(1.0);
			});
	}

	@Test
	void aSchemaLocationIsReadFromTheClasspath() {
		this.runner.withPropertyValues("webhooks.event-types[0].type=migration.completed",
				"webhooks.event-types[0].schema-location=classpath:schemas/migration.completed.json")
			.run((context) -> {
				String eventId = context.getBean(WebhookPublisher.class)
					.publish("migration.completed", Map.of("id", "mig_1", "status", "COMPLETE", "tasks",
							List.of(Map.of("id", "t1", "token", "x"))));

				assertThat(readEvent(context.getBean(DataSource.class), eventId).at("/data/object"))
					.isEqualTo(json("{'id':'mig_1','status':'COMPLETE','tasks':[{'id':'t1'}]}"));
			});
	}

	@Test
	void strictValidationFailsThePublishAndWritesNothing() {
		this.runner.withPropertyValues(INLINE_SCHEMA)
			.withPropertyValues("webhooks.publisher.schema-validation=strict")
			.run((context) -> {
				assertThatExceptionOfType(EventSchemaViolationException.class)
					.isThrownBy(() -> context.getBean(WebhookPublisher.class)
						.publish("migration.completed", Map.of("tags", List.of(1))))
					.withMessage("The payload of event type 'migration.completed' does not match its schema: "
							+ "$.tags[0]: integer found, string expected (type); "
							+ "$: required property 'id' not found (required)");
				assertThat(new JdbcTemplate(context.getBean(DataSource.class))
					.queryForObject("SELECT COUNT(*) FROM webhook_event", Integer.class)).isZero();
			});
	}

	@Test
	void offSendsThePayloadAsItIs() {
		this.runner.withPropertyValues(INLINE_SCHEMA)
			.withPropertyValues("webhooks.publisher.schema-validation=off")
			.run((context) -> {
				String eventId = context.getBean(WebhookPublisher.class)
					.publish("migration.completed", Map.of("id", "mig_1", "notes", "n"));

				assertThat(readEvent(context.getBean(DataSource.class), eventId).at("/data/object/notes").asString())
					.isEqualTo("n");
			});
	}

	@Test
	void anExampleThatDoesNotMatchItsSchemaStopsTheStartUpNamingThePath() {
		this.runner.withPropertyValues(INLINE_SCHEMA)
			.withPropertyValues("webhooks.event-types[0].example.id=mig_1",
					"webhooks.event-types[0].example.tags[0]=a", "webhooks.event-types[0].example.owner.email=e")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessage("The example of event type 'migration.completed' does not match its schema: "
						+ "$.owner: not declared by the schema, so never sent"));
	}

	@Test
	void aMatchingExampleWithAListStarts() {
		this.runner.withPropertyValues(INLINE_SCHEMA)
			.withPropertyValues("webhooks.event-types[0].example.id=mig_1", "webhooks.event-types[0].example.tags[0]=a")
			.run((context) -> assertThat(context.getBean(EventTypeCatalog.class).find("migration.completed")
				.orElseThrow()
				.example()).isEqualTo(Map.of("id", "mig_1", "tags", List.of("a"))));
	}

	@Test
	void aSchemaThatCannotBeStrippedSafelyStopsTheStartUp() {
		this.runner.withPropertyValues("webhooks.event-types[0].type=migration.completed",
				"webhooks.event-types[0].schema.properties.labels.patternProperties.x.type=string")
			.run((context) -> assertThat(failure(context)).contains("The schema of event type 'migration.completed' "
					+ "cannot be used: #/properties/labels/patternProperties cannot be stripped safely"));
	}

	@Test
	void aMissingSchemaLocationOrBothFormsStopTheStartUp() {
		this.runner.withPropertyValues("webhooks.event-types[0].type=migration.completed",
				"webhooks.event-types[0].schema-location=classpath:schemas/missing.json")
			.run((context) -> assertThat(failure(context)).contains("The schema-location of event type "
					+ "'migration.completed', classpath:schemas/missing.json, cannot be read"));
		this.runner.withPropertyValues(INLINE_SCHEMA)
			.withPropertyValues("webhooks.event-types[0].schema-location=classpath:schemas/migration.completed.json")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessage("Event type 'migration.completed' declares both schema and schema-location under "
						+ "webhooks.event-types: keep one"));
	}

	@Test
	void aPayloadTypeOnTheAnnotationGeneratesTheSchemaWithTheApplicationsNamingStrategy() {
		this.runner.withPropertyValues("spring.jackson.property-naming-strategy=SNAKE_CASE")
			.withBean(Migrations.class)
			.run((context) -> {
				Migrations migrations = context.getBean(Migrations.class);
				migrations.complete("mig_1");

				JsonNode schema = context.getBean(EventTypeCatalog.class).find("migration.completed").orElseThrow()
					.schema().document();
				assertThat(schema.get("properties").propertyNames()).containsExactlyInAnyOrder("id", "finished_at");
				JsonNode sent = readEvent(context.getBean(DataSource.class),
						new JdbcTemplate(context.getBean(DataSource.class))
							.queryForObject("SELECT id FROM webhook_event", String.class));
				assertThat(sent.at("/data/object").propertyNames()).containsExactlyInAnyOrder("id", "finished_at");
			});
	}

	/** The messages of the start-up failure and its causes. */
	private static String failure(AssertableApplicationContext context) {
		StringBuilder messages = new StringBuilder();
		for (Throwable cause = context.getStartupFailure(); cause != null; cause = cause.getCause()) {
			messages.append(cause.getMessage()).append('\n');
		}
		return messages.toString();
	}

	private static JsonNode json(String text) {
		return JsonMapper.shared().readTree(text.replace('\'', '"'));
	}

	/** What the schema of migration.completed is generated from. */
	record MigrationView(String id, String finishedAt) {
	}

	/** The full migration, which has more than its webhook view. */
	record Migration(String id, String finishedAt, String internalCost) {
	}

	static class Migrations {

		@WebhookEvent(value = "migration.completed", payload = MigrationView.class)
		public Migration complete(String id) {
			return new Migration(id, "2026-01-01T00:00:00Z", "12 EUR");
		}

	}

}
