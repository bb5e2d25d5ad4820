package dev.webhooks.api;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import dev.webhooks.endpoint.EndpointLimit;
import dev.webhooks.endpoint.EndpointRepository;
import dev.webhooks.endpoint.EndpointRequest;
import dev.webhooks.endpoint.WebhookEndpoints;
import dev.webhooks.endpoint.WebhookSubscribers;
import dev.webhooks.event.EventTypeCatalog;
import dev.webhooks.testsupport.PostgresSchemaPerContext;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static dev.webhooks.api.ManagementApiContractTests.BASE;
import static dev.webhooks.api.ManagementApiContractTests.assertProblem;
import static dev.webhooks.api.ManagementApiContractTests.awaitLatch;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A create through the management API on PostgreSQL, with a {@code lock_timeout} on the application's
 * connections, while another instance sharing the database holds the tenant's endpoint lock: the advisory lock's
 * timeout (SQLSTATE 55P03, Spring's {@code CannotAcquireLockException}) answers 503 as the in-process turn's does.
 */
@SpringBootTest(classes = ApiTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "webhooks.api.enabled=true", "webhooks.store.initialize-schema=always",
				"spring.datasource.hikari.connection-init-sql=SET lock_timeout = '300ms'" })
@PostgresSchemaPerContext
class PostgresManagementApiLockTimeoutTests {

	static final Duration WAIT = Duration.ofSeconds(20);

	@LocalServerPort
	int port;

	@Autowired
	DataSource dataSource;

	@Autowired
	EndpointRepository repository;

	@Autowired
	WebhookSubscribers subscribers;

	@Autowired
	EventTypeCatalog catalog;

	@Test
	void aCreateWhoseTenantLockTimesOutAnswers503WithRetryAfterAndCreatesNothing() throws Exception {
		// given another instance on the same database, its create of acme in a transaction still open
		WebhookEndpoints otherInstance = new WebhookEndpoints(this.repository, this.subscribers, null, this.catalog,
				false, Duration.ofHours(24), Clock.systemUTC());
		otherInstance.setEndpointLimit(EndpointLimit.perTenant(20));
		CountDownLatch held = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		ExecutorService holder = Executors.newSingleThreadExecutor();
		try {
			Future<?> holding = holder.submit(() -> new TransactionTemplate(
					new DataSourceTransactionManager(this.dataSource)).executeWithoutResult((status) -> {
						otherInstance.create("acme", EndpointRequest.of("https://hooks.example.com/other-instance"));
						held.countDown();
						awaitLatch(release);
						status.setRollbackOnly();
					}));
			assertThat(held.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			ApiClient acme = new ApiClient(this.port, "acme");

			// when this instance creates one for acme through the API
			ApiClient.Response response = acme.post(BASE, "{\"url\":\"https://hooks.example.com/waited\"}");

			// then PostgreSQL's lock timeout reaches the caller as a 503 to retry
			assertProblem(response, 503, null, "concurrent-change");
			assertThat(response.header("Retry-After")).isEqualTo("2");
			assertThat(response.json().get("title").asString()).isEqualTo("Service Unavailable");
			assertThat(response.body()).doesNotContain("acme", "lock", "55P03", "advisory", "SQL");
			assertThat(count("acme")).isZero();

			// and once the other instance's transaction has completed, the retry goes through
			release.countDown();
			holding.get(WAIT.toSeconds(), TimeUnit.SECONDS);
			assertThat(acme.post(BASE, "{\"url\":\"https://hooks.example.com/waited\"}").status()).isEqualTo(201);
			assertThat(count("acme")).isEqualTo(1);
		}
		finally {
			release.countDown();
			holder.shutdown();
		}
	}

	private int count(String tenant) {
		return new JdbcTemplate(this.dataSource).queryForObject(
				"SELECT COUNT(*) FROM webhook_endpoint WHERE tenant_id = ? AND deleted_at IS NULL", Integer.class,
				tenant);
	}

}
