package dev.webhooks.autoconfigure;

import javax.sql.DataSource;

import dev.webhooks.delivery.DeliveryRepository;
import dev.webhooks.store.StoreTables.MissingStoreTablesException;
import dev.webhooks.testsupport.PostgresTestDatabase;
import dev.webhooks.testsupport.RequiresPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link WebhooksStoreAutoConfiguration} on an empty PostgreSQL schema, as a new user's database is: the default
 * {@code initialize-schema} (embedded databases only) leaves it empty, and the start-up says so.
 */
@RequiresPostgres
class PostgresWebhooksStoreAutoConfigurationTests {

	private final String url = PostgresTestDatabase.createSchema();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, WebhooksStoreAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=" + this.url,
				"spring.datasource.username=" + PostgresTestDatabase.user(),
				"spring.datasource.password=" + PostgresTestDatabase.password(),
				"spring.datasource.hikari.maximum-pool-size=2");

	@AfterEach
	void dropSchema() {
		PostgresTestDatabase.dropSchema(this.url);
	}

	@Test
	void anEmptySchemaStopsTheStartUpNamingThePropertyAndTheScript() {
		this.runner.run((context) -> assertThat(context).getFailure()
			.rootCause()
			.isInstanceOf(MissingStoreTablesException.class)
			.hasMessageContaining("webhook_endpoint")
			.hasMessageContaining("webhooks.store.initialize-schema=always")
			.hasMessageContaining("classpath:dev/webhooks/store/schema-postgresql.sql"));
	}

	@Test
	void initializeSchemaAlwaysCreatesTheTablesWithTheConfiguredPrefix() {
		this.runner.withPropertyValues("webhooks.store.initialize-schema=always", "webhooks.store.table-prefix=hooks_")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(DeliveryRepository.class).countPending()).isZero();
				JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
				assertThat(jdbc.queryForList("SELECT table_name FROM information_schema.tables "
						+ "WHERE table_schema = current_schema()", String.class))
					.containsExactlyInAnyOrder("hooks_received", "hooks_event", "hooks_endpoint", "hooks_delivery",
							"hooks_attempt", "hooks_portal_session", "hooks_endpoint_lane");
				assertThat(jdbc.queryForList("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()",
						String.class))
					.isNotEmpty()
					.allSatisfy((index) -> assertThat(index).startsWith("hooks_"));
			});
	}

}
