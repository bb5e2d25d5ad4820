package dev.webhooks.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

import javax.sql.DataSource;

import dev.webhooks.autoconfigure.WebhooksPublisherAutoConfiguration;
import dev.webhooks.autoconfigure.WebhooksStoreAutoConfiguration;
import dev.webhooks.delivery.DeliveryTask;
import dev.webhooks.endpoint.EndpointRequest;
import dev.webhooks.endpoint.WebhookEndpoint;
import dev.webhooks.endpoint.WebhookEndpoints;
import dev.webhooks.endpoint.WebhookSubscribers;
import dev.webhooks.event.UndeclaredEventTypeException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The outbox write on a real database, through the auto-configured publisher.
 */
abstract class OutboxWebhookPublisherContractTests {

	private final JsonMapper json = JsonMapper.shared();

	abstract String[] databaseProperties();

	ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
					WebhooksStoreAutoConfiguration.class, WebhooksPublisherAutoConfiguration.class))
			.withUserConfiguration(PublishTestBeans.class)
			.withPropertyValues(databaseProperties())
			.withPropertyValues("webhooks.event-types[0].type=migration.completed",
					"webhooks.event-types[1].type=migration.started", "webhooks.event-types[2].type=lead.created");
	}

	void run(Consumer<Fixture> test) {
		runner().run((context) -> test.accept(new Fixture(context)));
	}

	@Test
	void fansOutToTheTenantsSubscribedEndpointsOnly() {
		run((f) -> {
			String all = f.endpoint("t1", "migration.*");
			String exact = f.endpoint("t1", "migration.completed");
			f.endpoint("t1", "lead.*");
			f.endpoint("t2", "migration.*");
			f.endpoint(null, "*");

			String eventId = f.publisher.publish("migration.completed", Map.of("id", "mig_1"), "t1");

			assertThat(eventId).matches("evt_[0-9A-Z]{26}");
			assertThat(f.jdbc.queryForList("SELECT endpoint_id FROM webhook_delivery WHERE event_id = ?",
					String.class, eventId)).containsExactlyInAnyOrder(all, exact);
			assertThat(f.dispatcher.tasks()).extracting(DeliveryTask::endpointId)
				.containsExactlyInAnyOrder(all, exact);
			assertThat(f.dispatcher.tasks()).allSatisfy((task) -> {
				assertThat(task.eventId()).isEqualTo(eventId);
				assertThat(task.tenantId()).isEqualTo("t1");
				assertThat(task.secrets()).hasSize(1);
				assertThat(task.attemptsMade()).isZero();
			});
		});
	}

	@Test
	void everyDeliveryCarriesTheSameStoredBytes() {
		run((f) -> {
			f.endpoint("t1", "migration.*");
			f.endpoint("t1", "*");

			String eventId = f.publisher.publish(PublishRequest.builder("migration.completed")
				.data(Map.of("id", "mig_1"))
				.tenant("t1")
				.text("✅ Migration mig_1 completed")
				.build());

			byte[] stored = f.jdbc.queryForObject("SELECT body FROM webhook_event WHERE id = ?", byte[].class,
					eventId);
			assertThat(f.dispatcher.tasks()).allSatisfy((task) -> assertThat(task.body()).isEqualTo(stored));
			JsonNode envelope = this.json.readTree(stored);
			assertThat(envelope.get("id").asString()).isEqualTo(eventId);
			assertThat(envelope.get("type").asString()).isEqualTo("migration.completed");
			assertThat(envelope.get("tenant_id").asString()).isEqualTo("t1");
			assertThat(envelope.get("text").asString()).isEqualTo("✅ Migration mig_1 completed");
			assertThat(envelope.at("/data/object/id").asString()).isEqualTo("mig_1");
		});
	}

	@Test
	void deliveriesAreLeasedToThisInstanceForTheFastPath() {
		run((f) -> {
			f.endpoint(null, "*");

			String eventId = f.publisher.publish("lead.created", Map.of());

			assertThat(f.jdbc.queryForObject("SELECT locked_by FROM webhook_delivery WHERE event_id = ?",
					String.class, eventId)).isEqualTo(RecordingDispatcher.INSTANCE_ID);
			assertThat(f.jdbc.queryForObject("SELECT status FROM webhook_delivery WHERE event_id = ?", String.class,
					eventId)).isEqualTo("PENDING");
		});
	}

	@Test
	void concurrentPublishesWithoutATransactionAreEachCommittedAndDispatched() {
		run((f) -> {
			// given an endpoint and eight threads publishing with no transaction of their own
			String endpoint = f.endpoint(null, "*");
			Set<String> ids = ConcurrentHashMap.newKeySet();

			// when they publish at once (concurrent callers share transactions)
			inParallel(8, (thread) -> {
				for (int i = 0; i < 25; i++) {
					ids.add(f.publisher.publish("lead.created", Map.of("n", i)));
				}
			});

			// then every call got its own committed event, delivery and dispatched task
			assertThat(ids).hasSize(200);
			assertThat(f.jdbc.queryForObject("SELECT COUNT(*) FROM webhook_event", Integer.class)).isEqualTo(200);
			assertThat(f.jdbc.queryForList("SELECT event_id FROM webhook_delivery WHERE endpoint_id = ?",
					String.class, endpoint)).containsExactlyInAnyOrderElementsOf(ids);
			assertThat(f.dispatcher.tasks()).extracting(DeliveryTask::eventId).containsExactlyInAnyOrderElementsOf(ids);
		});
	}

	@Test
	void concurrentPublishesOfTwoTenantsReachOnlyTheirOwnTenantsEndpoints() {
		run((f) -> {
			// given an endpoint per tenant, and threads of both tenants publishing without a transaction
			String t1 = f.endpoint("t1", "*");
			String t2 = f.endpoint("t2", "lead.*");
			Map<String, String> tenantOfEvent = new ConcurrentHashMap<>();

			// when they publish at once, so their events share transactions
			inParallel(8, (thread) -> {
				String tenant = (thread % 2 == 0) ? "t1" : "t2";
				for (int i = 0; i < 25; i++) {
					tenantOfEvent.put(f.publisher.publish(PublishRequest.builder("lead.created").tenant(tenant)
						.data(Map.of("n", i)).build()), tenant);
				}
			});

			// then each event has exactly one delivery, to its own tenant's endpoint
			assertThat(tenantOfEvent).hasSize(200);
			List<Map<String, Object>> rows = f.jdbc.queryForList("SELECT event_id, endpoint_id FROM webhook_delivery");
			assertThat(rows).hasSize(200).allSatisfy((row) -> assertThat(row.get("endpoint_id"))
				.isEqualTo(tenantOfEvent.get((String) row.get("event_id")).equals("t1") ? t1 : t2));
		});
	}

	@Test
	void concurrentPublishesOfOneIdempotencyKeyStoreOneEvent() {
		run((f) -> {
			// given an endpoint, and eight threads publishing the same key at once without a transaction
			f.endpoint("t1", "*");
			Set<String> ids = ConcurrentHashMap.newKeySet();

			// when they publish (their requests may share a transaction, where the key is not in the table yet)
			inParallel(8, (thread) -> {
				for (int i = 0; i < 5; i++) {
					ids.add(f.publisher.publish(PublishRequest.builder("lead.created").tenant("t1")
						.idempotencyKey("order-42").build()));
				}
			});

			// then every call got the first event's id, and one event and one delivery were stored and dispatched
			assertThat(ids).hasSize(1);
			assertThat(f.count("webhook_event")).isEqualTo(1);
			assertThat(f.count("webhook_delivery")).isEqualTo(1);
			assertThat(f.dispatcher.tasks()).hasSize(1);
		});
	}

	@Test
	void anEndpointCreatedInATransactionBecomesASubscriberForOthersOnlyOnceItCommits() throws Exception {
		run((f) -> {
			// given a transaction that has created an endpoint and looked up the subscribers, not yet committed
			CountDownLatch created = new CountDownLatch(1);
			CountDownLatch commit = new CountDownLatch(1);
			List<WebhookEndpoint> seenInside = new ArrayList<>();
			Thread creator = new Thread(() -> f.transactions.executeWithoutResult((status) -> {
				f.endpoint("t1", "lead.*");
				seenInside.addAll(f.subscribers.subscribersOf("t1", "lead.created"));
				created.countDown();
				awaitLatch(commit);
			}));
			creator.start();
			awaitLatch(created);

			// when another thread looks them up before and after the commit
			List<WebhookEndpoint> beforeCommit = f.subscribers.subscribersOf("t1", "lead.created");
			commit.countDown();
			joinThread(creator);
			List<WebhookEndpoint> afterCommit = f.subscribers.subscribersOf("t1", "lead.created");

			// then the transaction saw its own endpoint, the other thread only once it was committed
			assertThat(seenInside).hasSize(1);
			assertThat(beforeCommit).isEmpty();
			assertThat(afterCommit).extracting(WebhookEndpoint::id)
				.isEqualTo(seenInside.stream().map(WebhookEndpoint::id).toList());
		});
	}

	static void awaitLatch(CountDownLatch latch) {
		try {
			assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static void joinThread(Thread thread) {
		try {
			thread.join(10_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		assertThat(thread.isAlive()).isFalse();
	}

	private static void inParallel(int threadCount, IntConsumer body) {
		List<Thread> threads = new ArrayList<>();
		for (int t = 0; t < threadCount; t++) {
			int thread = t;
			threads.add(new Thread(() -> body.accept(thread)));
		}
		threads.forEach(Thread::start);
		threads.forEach((thread) -> {
			try {
				thread.join(30_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
	}

	@Test
	void rollbackInsertsNothingAndDispatchesNothing() {
		run((f) -> {
			f.endpoint(null, "*");

			f.transactions.executeWithoutResult((status) -> {
				f.publisher.publish("lead.created", Map.of("id", "lead_1"));
				status.setRollbackOnly();
			});

			assertThat(f.count("webhook_event")).isZero();
			assertThat(f.count("webhook_delivery")).isZero();
			assertThat(f.dispatcher.batches).isEmpty();
		});
	}

	@Test
	void dispatchHappensOnlyAfterTheCallersCommit() {
		run((f) -> {
			f.endpoint(null, "*");
			f.endpoint(null, "lead.*");

			f.transactions.executeWithoutResult((status) -> {
				f.publisher.publish("lead.created", Map.of("id", "lead_1"));
				assertThat(f.dispatcher.batches).isEmpty();
			});

			assertThat(f.dispatcher.batches).hasSize(1);
			assertThat(f.dispatcher.batches.get(0)).hasSize(2);
			assertThat(f.dispatcher.committedDeliveriesAtDispatch).containsExactly(2L);
		});
	}

	@Test
	void publishWithoutATransactionCommitsItsOwnBeforeDispatching() {
		run((f) -> {
			f.endpoint(null, "*");

			f.publisher.publish("lead.created", Map.of("id", "lead_1"));

			assertThat(f.dispatcher.committedDeliveriesAtDispatch).containsExactly(1L);
		});
	}

	@Test
	void sameIdempotencyKeyReturnsTheFirstEventAndInsertsNothing() {
		run((f) -> {
			f.endpoint("t1", "*");
			PublishRequest message = PublishRequest.builder("lead.created").tenant("t1").idempotencyKey("order-42")
				.data(Map.of("id", "lead_1")).build();

			String first = f.publisher.publish(message);
			String second = f.publisher.publish(message);
			String otherTenant = f.publisher.publish(PublishRequest.builder("lead.created").tenant("t2")
				.idempotencyKey("order-42").build());

			assertThat(second).isEqualTo(first);
			assertThat(otherTenant).isNotEqualTo(first);
			assertThat(f.count("webhook_event")).isEqualTo(2);
			assertThat(f.count("webhook_delivery")).isEqualTo(1);
			assertThat(f.dispatcher.batches).hasSize(1);
		});
	}

	@Test
	void undeclaredTypeFailsNamingIt() {
		run((f) -> {
			assertThatExceptionOfType(UndeclaredEventTypeException.class)
				.isThrownBy(() -> f.publisher.publish("invoice.paid", Map.of()))
				.withMessageContaining("'invoice.paid'");
			assertThat(f.count("webhook_event")).isZero();
		});
	}

	@Test
	void undeclaredTypeIsPublishedWhenNotStrict() {
		runner().withPropertyValues("webhooks.publisher.strict-event-types=false").run((context) -> {
			Fixture f = new Fixture(context);

			f.publisher.publish("invoice.paid", Map.of());

			assertThat(f.count("webhook_event")).isOne();
		});
	}

	@Test
	void eventWithNoSubscribersIsStoredAndNotDispatched() {
		run((f) -> {
			f.publisher.publish("lead.created", Map.of());

			assertThat(f.count("webhook_event")).isOne();
			assertThat(f.count("webhook_delivery")).isZero();
			assertThat(f.dispatcher.batches).isEmpty();
		});
	}

	static final class Fixture {

		final WebhookPublisher publisher;

		final WebhookEndpoints endpoints;

		final WebhookSubscribers subscribers;

		final RecordingDispatcher dispatcher;

		final JdbcTemplate jdbc;

		final TransactionTemplate transactions;

		Fixture(AssertableApplicationContext context) {
			assertThat(context).hasNotFailed();
			this.publisher = context.getBean(WebhookPublisher.class);
			this.endpoints = context.getBean(WebhookEndpoints.class);
			this.subscribers = context.getBean(WebhookSubscribers.class);
			this.dispatcher = context.getBean(RecordingDispatcher.class);
			this.jdbc = new JdbcTemplate(context.getBean(DataSource.class));
			this.transactions = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
			this.dispatcher.committedDeliveries = () -> (long) count("webhook_delivery");
		}

		String endpoint(String tenantId, String... eventTypes) {
			return this.endpoints.create(tenantId, new EndpointRequest("https://hooks.example.com/" + tenantId,
					null, List.of(eventTypes), null, null)).endpoint().id();
		}

		int count(String table) {
			return this.jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class);
		}

	}

}
