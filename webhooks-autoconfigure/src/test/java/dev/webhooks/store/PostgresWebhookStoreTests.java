package dev.webhooks.store;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.webhooks.delivery.DeliveryStatus;
import dev.webhooks.endpoint.WebhookEndpoint;
import dev.webhooks.testsupport.PostgresTestDatabase;
import dev.webhooks.testsupport.RequiresPostgres;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@RequiresPostgres
class PostgresWebhookStoreTests extends JdbcWebhookStoreContractTests {

	@Override
	String jdbcUrl() {
		return PostgresTestDatabase.createSchema();
	}

	@Override
	String username() {
		return PostgresTestDatabase.user();
	}

	@Override
	String password() {
		return PostgresTestDatabase.password();
	}

	@Override
	String platform() {
		return "postgresql";
	}

	@Override
	void closeStore() {
		super.closeStore();
		PostgresTestDatabase.dropSchema(this.dataSource.getJdbcUrl());
	}

	@Test
	void aLimitedInsertWaitsForAnotherInstancesUncommittedOneAndThenCountsIt() throws Exception {
		// given one instance's insert within the limit of 1, its transaction not yet committed
		CountDownLatch inserted = new CountDownLatch(1);
		CountDownLatch commit = new CountDownLatch(1);
		ExecutorService executor = Executors.newFixedThreadPool(2);
		try {
			Future<Boolean> first = executor.submit(() -> this.transactions.execute((status) -> {
				boolean done = this.endpoints.insertWithinLimit(endpoint("ep_1", "t1", true), 1);
				inserted.countDown();
				await().atMost(Duration.ofSeconds(10)).until(() -> commit.getCount() == 0);
				return done;
			}));
			assertThat(inserted.await(10, TimeUnit.SECONDS)).isTrue();

			// when another instance inserts for the same tenant (a repository of its own, as on another node)
			JdbcEndpointRepository other = new JdbcEndpointRepository(this.jdbc, this.transactions, Clock.systemUTC(),
					prefix());
			Future<Boolean> second = executor.submit(() -> other.insertWithinLimit(endpoint("ep_2", "t1", true), 1));

			// then it waits for the first transaction, and once that commits it counts its endpoint and refuses
			await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !second.isDone());
			commit.countDown();
			assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
			assertThat(second.get(10, TimeUnit.SECONDS)).isFalse();
			assertThat(this.endpoints.findByTenant("t1")).extracting(WebhookEndpoint::id).containsExactly("ep_1");
		}
		finally {
			commit.countDown();
			executor.shutdownNow();
		}
	}

	@Test
	void outcomeUpdatesArePlannedForTheRowsAtHandNeverWithACachedGenericPlan() throws Exception {
		// given one connection, so that the driver prepares the update on the server after a few batches, and
		// PostgreSQL would then switch to a generic plan made while the table is nearly empty (a table scan)
		this.endpoints.save(endpoint("ep_1", null, true));
		SingleConnectionDataSource connection = new SingleConnectionDataSource(this.dataSource.getConnection(), true);
		try {
			JdbcTemplate jdbc = new JdbcTemplate(connection);
			JdbcDeliveryRepository repository = new JdbcDeliveryRepository(jdbc,
					new TransactionTemplate(new DataSourceTransactionManager(connection)), Clock.systemUTC(),
					prefix());

			// when a dozen batches of outcomes are written on it
			for (int i = 0; i < 12; i++) {
				List<String> ids = insertEvent("evt_" + i, null, List.of("ep_1", "ep_1"), T0, null);
				repository.recordOutcomes(List.of(outcome(ids.get(0), "ep_1", DeliveryStatus.SUCCEEDED, null, 204),
						outcome(ids.get(1), "ep_1", DeliveryStatus.PENDING, T0.plusSeconds(5), 503)));
			}

			// then the server-side statement has been planned for each batch's rows, never generically
			List<Map<String, Object>> plans = jdbc.queryForList(sql("""
					SELECT generic_plans, custom_plans FROM pg_prepared_statements
					WHERE statement LIKE '%UPDATE %TABLE_PREFIX%delivery d%'"""));
			assertThat(plans).hasSize(1);
			assertThat(plans.get(0)).containsEntry("generic_plans", 0L);
			assertThat((Long) plans.get(0).get("custom_plans")).isGreaterThanOrEqualTo(5L);
			assertThat(this.deliveries.countPending()).isEqualTo(12);
		}
		finally {
			connection.destroy();
		}
	}

}
