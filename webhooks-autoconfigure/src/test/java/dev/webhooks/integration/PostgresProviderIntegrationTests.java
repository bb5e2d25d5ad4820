package dev.webhooks.integration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import dev.webhooks.delivery.TestReceiver;
import dev.webhooks.testsupport.RequiresPostgres;
import dev.webhooks.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The provider side end to end on PostgreSQL, each test in a schema of its own (dropped after it); and two
 * application instances sharing one database.
 */
@RequiresPostgres
class PostgresProviderIntegrationTests extends ProviderIntegrationTests {

	private static final int EVENTS = 200;

	PostgresProviderIntegrationTests() {
		super(TestDatabases.postgres());
	}

	@Test
	void twoInstancesOnOneDatabaseDeliverEachEventExactlyOnce() throws Exception {
		// every fourth delivery fails once, so its retry is due for whichever instance's poller claims it first
		Map<String, AtomicInteger> requestsById = new ConcurrentHashMap<>();
		Map<String, AtomicInteger> successesById = new ConcurrentHashMap<>();
		Set<String> failedOnce = ConcurrentHashMap.newKeySet();
		AtomicInteger firstRequests = new AtomicInteger();
		TestReceiver receiver = receiver(TestReceiver.start((number, exchange) -> {
			String id = exchange.getRequestHeaders().getFirst("webhook-id");
			int seen = requestsById.computeIfAbsent(id, (key) -> new AtomicInteger()).incrementAndGet();
			if (seen == 1 && firstRequests.incrementAndGet() % 4 == 0) {
				failedOnce.add(id);
				TestReceiver.reply(exchange, 503, Map.of(), "");
				return;
			}
			TestReceiver.reply(exchange, 200, Map.of(), "");
			successesById.computeIfAbsent(id, (key) -> new AtomicInteger()).incrementAndGet();
		}));
		List<String> database = newDatabase();
		ProviderApp one = start(database, "webhooks.delivery.instance-id=one");
		ProviderApp two = start(database, "webhooks.delivery.instance-id=two");
		one.endpoint(receiver.url());

		List<String> eventIds = new ArrayList<>();
		ExecutorService publishers = Executors.newFixedThreadPool(2);
		try {
			List<Future<List<String>>> published = new ArrayList<>();
			for (ProviderApp app : List.of(one, two)) {
				published.add(publishers.submit((Callable<List<String>>) () -> {
					List<String> ids = new ArrayList<>();
					for (int i = 0; i < EVENTS / 2; i++) {
						ids.add(app.publish("migration.completed", Map.of("id", "mig_" + i)));
					}
					return ids;
				}));
			}
			for (Future<List<String>> ids : published) {
				eventIds.addAll(ids.get());
			}
		}
		finally {
			publishers.shutdown();
		}

		await().atMost(WAIT).until(() -> successesById.size() == EVENTS);
		await().atMost(WAIT).until(() -> one.jdbc().queryForObject(
				"SELECT COUNT(*) FROM webhook_delivery WHERE status = 'SUCCEEDED'", Integer.class) == EVENTS);
		assertThat(successesById.keySet()).containsExactlyInAnyOrderElementsOf(eventIds);
		assertThat(successesById).allSatisfy((id, successes) -> assertThat(successes.get()).as(id).isOne());
		assertThat(failedOnce).isNotEmpty();
		assertThat(requestsById).allSatisfy((id, requests) -> assertThat(requests.get()).as(id)
			.isEqualTo(failedOnce.contains(id) ? 2 : 1));
		assertThat(receiver.count()).isEqualTo(EVENTS + failedOnce.size());
	}

}
