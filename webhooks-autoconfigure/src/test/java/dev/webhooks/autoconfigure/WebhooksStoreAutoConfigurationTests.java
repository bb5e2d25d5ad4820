package dev.webhooks.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import dev.webhooks.delivery.DeliveryRepository;
import dev.webhooks.endpoint.EndpointRepository;
import dev.webhooks.endpoint.EndpointSecret;
import dev.webhooks.endpoint.WebhookEndpoint;
import dev.webhooks.receive.IdempotencyStore;
import dev.webhooks.signing.WebhookSecret;
import dev.webhooks.store.JdbcDeliveryRepository;
import dev.webhooks.store.JdbcEndpointRepository;
import dev.webhooks.store.JdbcIdempotencyStore;
import dev.webhooks.store.MissingStoreTablesFailureAnalyzer;
import dev.webhooks.store.StoreTables.MissingStoreTablesException;
import dev.webhooks.testsupport.InMemoryWebhookStore;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link WebhooksStoreAutoConfiguration} on H2: the one place the JDBC store is wired, its table prefix, and the
 * start-up check that its tables exist.
 */
class WebhooksStoreAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, WebhooksStoreAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

	@Test
	void configuresTheJdbcRepositoriesOnTheDataSource() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(EndpointRepository.class)).isInstanceOf(JdbcEndpointRepository.class);
			assertThat(context.getBean(DeliveryRepository.class)).isInstanceOf(JdbcDeliveryRepository.class);
		});
	}

	@Test
	void backsOffWithoutADataSource() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(WebhooksStoreAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(EndpointRepository.class)
				.doesNotHaveBean(DeliveryRepository.class));
	}

	@Test
	void theApplicationsOwnRepositoriesNeedNoTables() {
		// given a database the starter does not create tables in, and repositories of the application's own
		this.runner.withPropertyValues("webhooks.store.initialize-schema=never")
			.withBean(InMemoryWebhookStore.class)
			// then it starts, with the application's repositories
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(EndpointRepository.class)).isInstanceOf(InMemoryWebhookStore.class);
				assertThat(context.getBean(DeliveryRepository.class)).isInstanceOf(InMemoryWebhookStore.class);
			});
	}

	@Test
	void everyTableIsNamedWithTheConfiguredPrefix() {
		this.runner.withPropertyValues("webhooks.store.table-prefix=hooks_").run((context) -> {
			// given the endpoint repository of a store whose tables have another prefix
			assertThat(context).hasNotFailed();
			JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));

			// when an endpoint is saved
			context.getBean(EndpointRepository.class).save(endpoint("ep_1"));

			// then it is in the prefixed table, and the tables of the default prefix were never created
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM hooks_endpoint", Integer.class)).isOne();
			assertThat(jdbc.queryForList("SELECT LOWER(table_name) FROM information_schema.tables "
					+ "WHERE table_schema = 'PUBLIC'", String.class))
				.containsExactlyInAnyOrder("hooks_received", "hooks_event", "hooks_endpoint", "hooks_delivery",
						"hooks_attempt", "hooks_portal_session", "hooks_endpoint_lane");
			assertThat(context.getBean(DeliveryRepository.class).countPending()).isZero();
		});
	}

	@Test
	void aTablePrefixThatIsNoPlainIdentifierStopsTheStartUp() {
		this.runner.withPropertyValues("webhooks.store.table-prefix=webhook-")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("'webhook-' is not a table name prefix: use letters, digits and underscores"));
		this.runner.withPropertyValues("webhooks.store.table-prefix=webhook-")
			.run((context) -> assertThat(context).getFailure()
				.hasMessageContaining("Invalid webhooks.store.table-prefix"));
	}

	@Test
	void aDatabaseWithoutTheTablesStopsTheStartUpSayingHowToCreateThem() {
		this.runner.withPropertyValues("webhooks.store.initialize-schema=never")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(MissingStoreTablesException.class)
				.hasMessageContaining("webhook_endpoint")
				.hasMessageContaining("webhooks.store.initialize-schema=always")
				.hasMessageContaining("classpath:dev/webhooks/store/schema-h2.sql")
				.hasMessageContaining("%TABLE_PREFIX% replaced by webhook_"));
	}

	@Test
	void theStartUpFailureReportSaysWhatIsMissingAndWhatToDo() {
		this.runner.withPropertyValues("webhooks.store.initialize-schema=never", "webhooks.store.table-prefix=hooks_")
			.run((context) -> {
				FailureAnalysis analysis = new MissingStoreTablesFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("hooks_endpoint")
					.contains("webhooks.store.initialize-schema did not create");
				assertThat(analysis.getAction()).contains("webhooks.store.initialize-schema=always")
					.contains("Flyway or Liquibase from the script classpath:dev/webhooks/store/schema-h2.sql")
					.contains("%TABLE_PREFIX% replaced by hooks_");
			});
	}

	@Test
	void theIdempotencyStoreIsMadeForAServletWebApplicationsReceiver() {
		WebApplicationContextRunner web = receiverContext("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		web.run((context) -> assertThat(context.getBean(IdempotencyStore.class))
			.isInstanceOf(JdbcIdempotencyStore.class));
		web.withPropertyValues("webhooks.receiver.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(IdempotencyStore.class));
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(IdempotencyStore.class));
	}

	@Test
	void closingTheContextWritesTheConfirmationsOfReceivedWebhooksNotWrittenYet() {
		String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
		// an interval no test outlasts: only the close can have written the confirmation
		receiverContext(url).withPropertyValues("webhooks.receiver.confirm-flush-interval=1m").run((context) -> {
			IdempotencyStore store = context.getBean(IdempotencyStore.class);
			assertThat(store.claim("anon", "msg_at_shutdown")).isEqualTo(IdempotencyStore.Claim.CLAIMED);
			store.confirm("anon", "msg_at_shutdown");
		});

		try (JdbcIdempotencyStore restarted = new JdbcIdempotencyStore(
				new SimpleDriverDataSource(new org.h2.Driver(), url, "sa", ""), JsonMapper.shared(), Duration.ofMinutes(5),
				Clock.systemUTC())) {
			assertThat(restarted.claim("anon", "msg_at_shutdown")).isEqualTo(IdempotencyStore.Claim.HANDLED);
		}
	}

	@Test
	void refusesAConfirmFlushIntervalNotShorterThanTheClaimTimeout() {
		receiverContext("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
			.withPropertyValues("webhooks.receiver.confirm-flush-interval=5m", "webhooks.receiver.claim-timeout=5m")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("webhooks.receiver.confirm-flush-interval (PT5M) must be at least 0 and shorter "
						+ "than webhooks.receiver.claim-timeout (PT5M)"));
	}

	private static WebApplicationContextRunner receiverContext(String url) {
		return new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, DataSourceAutoConfiguration.class,
					WebhooksStoreAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=" + url);
	}

	private static WebhookEndpoint endpoint(String id) {
		Instant now = Instant.now();
		return new WebhookEndpoint(id, null, "https://example.com/" + id, null, List.of(), Map.of(),
				List.of(new EndpointSecret(WebhookSecret.generate(), null)), true, null, now, now);
	}

}
