package dev.webhooks.publish;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import dev.webhooks.testsupport.RequiresPostgres;
import dev.webhooks.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.CannotAcquireLockException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@RequiresPostgres
class PostgresOutboxWebhookPublisherTests extends OutboxWebhookPublisherContractTests {

	private static final PublishRequest ORDER_7 = PublishRequest.builder("lead.created")
		.tenant("t1")
		.idempotencyKey("order-7")
		.build();

	private final TestDatabases databases = TestDatabases.postgres();

	@Override
	String[] databaseProperties() {
		List<String> properties = new ArrayList<>(this.databases.newDatabase());
		properties.add("webhooks.store.initialize-schema=always");
		return properties.toArray(String[]::new);
	}

	@AfterEach
	void dropSchemas() {
		this.databases.dropAll();
	}

	@Test
	void aTransactionPublishingAKeyThatAnotherHasNotCommittedWaitsAndGetsTheOthersEvent() {
		run((f) -> {
			// given an endpoint, and a transaction that has published key order-7 and not committed yet
			f.endpoint("t1", "*");
			CountDownLatch firstPublished = new CountDownLatch(1);
			CountDownLatch commitFirst = new CountDownLatch(1);
			AtomicReference<String> firstId = new AtomicReference<>();
			Thread first = new Thread(() -> f.transactions.executeWithoutResult((status) -> {
				firstId.set(f.publisher.publish(ORDER_7));
				firstPublished.countDown();
				awaitLatch(commitFirst);
			}));
			first.start();
			awaitLatch(firstPublished);

			// when a second transaction publishes the same key: it waits for the first's lock on the key
			AtomicReference<String> secondId = new AtomicReference<>();
			Thread second = new Thread(() -> f.transactions
				.executeWithoutResult((status) -> secondId.set(f.publisher.publish(ORDER_7))));
			second.start();
			await().atMost(Duration.ofSeconds(10)).until(() -> f.jdbc.queryForObject(
					"SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted", Integer.class) > 0);
			assertThat(second.isAlive()).isTrue();
			commitFirst.countDown();
			joinThread(first);
			joinThread(second);

			// then, once the first committed, the second got the first's event and stored nothing
			assertThat(firstId.get()).isNotNull();
			assertThat(secondId.get()).isEqualTo(firstId.get());
			assertThat(f.count("webhook_event")).isOne();
			assertThat(f.count("webhook_delivery")).isOne();
		});
	}

	@Test
	void aPublishWhoseKeyLockIsNotGrantedWithinTheLockTimeoutFailsWithCannotAcquireLock() {
		run((f) -> {
			// given an endpoint, and a transaction that has published key order-7 and not committed yet
			f.endpoint("t1", "*");
			CountDownLatch firstPublished = new CountDownLatch(1);
			CountDownLatch commitFirst = new CountDownLatch(1);
			Thread first = new Thread(() -> f.transactions.executeWithoutResult((status) -> {
				f.publisher.publish(ORDER_7);
				firstPublished.countDown();
				awaitLatch(commitFirst);
			}));
			first.start();
			awaitLatch(firstPublished);
			try {
				// when a second transaction with a lock_timeout publishes the same key
				AtomicReference<Throwable> failure = new AtomicReference<>();
				try {
					f.transactions.executeWithoutResult((status) -> {
						f.jdbc.execute("SET LOCAL lock_timeout = '200ms'");
						f.publisher.publish(ORDER_7);
					});
				}
				catch (RuntimeException ex) {
					failure.set(ex);
				}

				// then it fails as a lock not acquired (not an uncategorized SQL error), and stored nothing
				assertThat(failure.get()).isInstanceOf(CannotAcquireLockException.class)
					.hasMessageContaining("idempotency-key lock")
					.hasMessageContaining("lock_timeout");
			}
			finally {
				commitFirst.countDown();
				joinThread(first);
			}
			assertThat(f.count("webhook_event")).isOne();
		});
	}

}
