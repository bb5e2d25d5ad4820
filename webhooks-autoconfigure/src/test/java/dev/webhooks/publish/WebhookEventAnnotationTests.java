package dev.webhooks.publish;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import javax.sql.DataSource;

import dev.webhooks.autoconfigure.WebhooksPublisherAutoConfiguration;
import dev.webhooks.autoconfigure.WebhooksStoreAutoConfiguration;
import dev.webhooks.endpoint.EndpointRequest;
import dev.webhooks.endpoint.WebhookEndpoints;
import dev.webhooks.event.EventTypeCatalog;
import dev.webhooks.event.WebhookEvent;
import dev.webhooks.event.WebhookSensitive;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@code @WebhookEvent} on bean methods and on application-event types, with strict event types on: the
 * annotations themselves declare their types.
 */
class WebhookEventAnnotationTests {

	private final JsonMapper json = JsonMapper.shared();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, DataSourceAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
				WebhooksStoreAutoConfiguration.class, WebhooksPublisherAutoConfiguration.class))
		.withUserConfiguration(AnnotatedBeans.class, PublishTestBeans.class)
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
				"webhooks.publisher.scan-packages=dev.webhooks.publish");

	@Test
	void returnValueOfAnAnnotatedMethodIsPublishedWithItsSpelTextAndTenant() {
		run((f) -> {
			f.endpoint("t1");

			Migration migration = f.service.complete("tsk_4f8w9n2b", "t1", 4.2);

			JsonNode event = f.onlyEvent();
			assertThat(event.get("type").asString()).isEqualTo("migration.completed");
			assertThat(event.get("tenant_id").asString()).isEqualTo("t1");
			assertThat(event.get("text").asString()).isEqualTo("✅ Task tsk_4f8w9n2b completed in 4.2s");
			assertThat(event.at("/data/object/id").asString()).isEqualTo(migration.id());
			assertThat(event.at("/data/object/apiToken").asString()).isEqualTo("*****");
			assertThat(f.dispatcher.tasks()).hasSize(1);
		});
	}

	@Test
	void methodThatThrowsPublishesNothing() {
		run((f) -> {
			f.endpoint("t1");

			assertThatIllegalStateException().isThrownBy(() -> f.service.fail("mig_1"));

			assertThat(f.eventCount()).isZero();
		});
	}

	@Test
	void rolledBackTransactionOfTheAnnotatedMethodSendsNothing() {
		run((f) -> {
			f.endpoint("t1");

			f.workflow.completeThenRollBack("mig_1", "t1");

			assertThat(f.eventCount()).isZero();
			assertThat(f.dispatcher.batches).isEmpty();
		});
	}

	@Test
	void annotatedMethodInsideATransactionIsDispatchedAfterItCommits() {
		run((f) -> {
			f.endpoint("t1");

			f.service.completeTransactionally("mig_1", "t1");

			assertThat(f.dispatcher.committedDeliveriesAtDispatch).containsExactly(1L);
		});
	}

	@Test
	void emptyOptionalPublishesNothing() {
		run((f) -> {
			f.endpoint(null);

			assertThat(f.service.find("missing")).isEmpty();
			assertThat(f.service.find("mig_1")).isPresent();

			assertThat(f.eventCount()).isOne();
		});
	}

	@Test
	void annotatedTypeSentThroughApplicationEventPublisherIsPublished() {
		run((f) -> {
			f.endpoint("t9");

			f.events.publishEvent(new LeadCreated("lead_1", "t9", 81));

			JsonNode event = f.onlyEvent();
			assertThat(event.get("type").asString()).isEqualTo("lead.created");
			assertThat(event.get("tenant_id").asString()).isEqualTo("t9");
			assertThat(event.get("text").asString()).isEqualTo("New lead lead_1 scored 81");
			assertThat(event.at("/data/object/score").asInt()).isEqualTo(81);
		});
	}

	@Test
	void annotatedTypesAndMethodsAreInTheCatalogAtStartUp() {
		this.runner.run((context) -> {
			EventTypeCatalog catalog = context.getBean(EventTypeCatalog.class);
			assertThat(catalog.isDeclared("migration.completed")).isTrue();
			assertThat(catalog.isDeclared("lead.created")).isTrue();
			assertThat(catalog.find("lead.created").orElseThrow().description()).isEqualTo("A lead arrived");
		});
	}

	@Test
	void annotatedBeanIsProxied() {
		this.runner.run((context) -> assertThat(AopUtils.isAopProxy(context.getBean(MigrationService.class)))
			.isTrue());
	}

	private void run(Consumer<Fixture> test) {
		this.runner.run((context) -> test.accept(new Fixture(context)));
	}

	private final class Fixture {

		final MigrationService service;

		final MigrationWorkflow workflow;

		final ApplicationEventPublisher events;

		final RecordingDispatcher dispatcher;

		final WebhookEndpoints endpoints;

		final JdbcTemplate jdbc;

		Fixture(AssertableApplicationContext context) {
			assertThat(context).hasNotFailed();
			this.service = context.getBean(MigrationService.class);
			this.workflow = context.getBean(MigrationWorkflow.class);
			this.events = context;
			this.dispatcher = context.getBean(RecordingDispatcher.class);
			this.endpoints = context.getBean(WebhookEndpoints.class);
			this.jdbc = new JdbcTemplate(context.getBean(DataSource.class));
			this.dispatcher.committedDeliveries = () -> this.jdbc
				.queryForObject("SELECT COUNT(*) FROM webhook_delivery", Long.class);
		}

		void endpoint(String tenantId) {
			this.endpoints.create(tenantId, new EndpointRequest("https://hooks.example.com/x", null, List.of("*"),
					null, null));
		}

		int eventCount() {
			return this.jdbc.queryForObject("SELECT COUNT(*) FROM webhook_event", Integer.class);
		}

		JsonNode onlyEvent() {
			List<byte[]> bodies = this.jdbc.queryForList("SELECT body FROM webhook_event", byte[].class);
			assertThat(bodies).hasSize(1);
			return WebhookEventAnnotationTests.this.json.readTree(bodies.get(0));
		}

	}

	record Migration(String id, String tenantId, @WebhookSensitive String apiToken) {
	}

	@WebhookEvent(value = "lead.created", tenant = "tenantId", text = "'New lead ' + id + ' scored ' + #event.score",
			description = "A lead arrived")
	record LeadCreated(String id, String tenantId, int score) {
	}

	static class MigrationService {

		@WebhookEvent(value = "migration.completed", tenant = "#result.tenantId",
				text = "'✅ Task ' + #id + ' completed in ' + #seconds + 's'")
		public Migration complete(String id, String tenantId, double seconds) {
			return new Migration(id, tenantId, "secret-token");
		}

		@WebhookEvent(value = "migration.completed", tenant = "#result.tenantId")
		@Transactional
		public Migration completeTransactionally(String id, String tenantId) {
			return new Migration(id, tenantId, null);
		}

		@WebhookEvent("migration.failed")
		public Migration fail(String id) {
			throw new IllegalStateException("boom");
		}

		@WebhookEvent("migration.found")
		public Optional<Migration> find(String id) {
			return "missing".equals(id) ? Optional.empty() : Optional.of(new Migration(id, null, null));
		}

	}

	static class MigrationWorkflow {

		private final MigrationService service;

		MigrationWorkflow(MigrationService service) {
			this.service = service;
		}

		@Transactional
		public void completeThenRollBack(String id, String tenantId) {
			this.service.complete(id, tenantId, 1.0);
			TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class AnnotatedBeans {

		@Bean
		MigrationService migrationService() {
			return new MigrationService();
		}

		@Bean
		MigrationWorkflow migrationWorkflow(MigrationService service) {
			return new MigrationWorkflow(service);
		}

	}

}
