package dev.webhooks.integration;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.webhooks.delivery.EndpointDisabledEvent;
import dev.webhooks.delivery.MessageAttemptExhaustedEvent;
import dev.webhooks.event.WebhookEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.annotation.Transactional;

/**
 * The provider application of the integration tests: everything auto-configured as in a user's application,
 * plus a Micrometer registry and two beans that publish with {@code @WebhookEvent}.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class ProviderTestApplication {

	@Bean
	MeterRegistry meterRegistry() {
		return new SimpleMeterRegistry();
	}

	@Bean
	Migrations migrations() {
		return new Migrations();
	}

	@Bean
	MigrationWorkflow migrationWorkflow(Migrations migrations) {
		return new MigrationWorkflow(migrations);
	}

	@Bean
	OperationalEvents operationalEvents() {
		return new OperationalEvents();
	}

	/** Records the operational events the delivery engine publishes, as an application alerting on them would. */
	static class OperationalEvents {

		private final List<Object> events = new CopyOnWriteArrayList<>();

		@EventListener
		void onEndpointDisabled(EndpointDisabledEvent event) {
			this.events.add(event);
		}

		@EventListener
		void onAttemptsExhausted(MessageAttemptExhaustedEvent event) {
			this.events.add(event);
		}

		<T> List<T> of(Class<T> type) {
			return this.events.stream().filter(type::isInstance).map(type::cast).toList();
		}

	}

	/** A migration as the sample domain has it. */
	record Migration(String id, String status) {
	}

	/** Publishes each completed migration with {@code @WebhookEvent}. */
	static class Migrations {

		@WebhookEvent(value = "migration.completed", text = "'Migration ' + #result.id + ' completed'")
		public Migration complete(String id) {
			return new Migration(id, "completed");
		}

	}

	/** A transaction around {@code @WebhookEvent} that fails after the event was published in it. */
	static class MigrationWorkflow {

		private final Migrations migrations;

		MigrationWorkflow(Migrations migrations) {
			this.migrations = migrations;
		}

		@Transactional
		public void completeAndFail(String id) {
			this.migrations.complete(id);
			throw new IllegalStateException("The migration's bookkeeping failed after " + id + " completed");
		}

	}

}
