package dev.webhooks.integration;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.webhooks.testsupport.RequiresPostgres;
import dev.webhooks.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Ordered endpoints on PostgreSQL, each test in a schema of its own; and two application instances sharing one
 * schema that never send to the ordered endpoint at once.
 */
@RequiresPostgres
class PostgresOrderedDeliveryTests extends OrderedDeliveryContractTests {

	PostgresOrderedDeliveryTests() {
		super(TestDatabases.postgres());
	}

	@Test
	void twoInstancesOnOneSchemaNeverSendToTheOrderedEndpointAtOnce() throws Exception {
		// each request stays a few milliseconds in the receiver, so two sent at once would overlap there
		OrderRecorder recorder = new OrderRecorder(11, 0.2, (rank) -> false, 3);
		String url = this.apps.receiver(recorder).url();
		List<String> database = newDatabase();
		String retries = "webhooks.delivery.retry.schedule=0s,0s,20ms,20ms,20ms,20ms,20ms,20ms,20ms,20ms";
		ProviderApp one = this.apps.start(database, retries, "webhooks.delivery.instance-id=one");
		ProviderApp two = this.apps.start(database, retries, "webhooks.delivery.instance-id=two");
		String endpointId = fifoEndpoint(one, url);

		// two publishers on each instance
		List<List<String>> byPublisher = new ArrayList<>();
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			List<Future<List<List<String>>>> futures = new ArrayList<>();
			for (ProviderApp app : List.of(one, two)) {
				futures.add(threads.submit((Callable<List<List<String>>>) () -> publishConcurrently(app, 2, 75)));
			}
			for (Future<List<List<String>>> future : futures) {
				byPublisher.addAll(future.get());
			}
		}
		finally {
			threads.shutdown();
		}

		await().atMost(WAIT).until(() -> recorder.successes() == 300);
		List<String> seen = recorder.firstSuccesses();
		for (List<String> published : byPublisher) {
			assertThat(seen.stream().filter(published::contains).toList()).containsExactlyElementsOf(published);
		}
		assertThat(seen).containsExactlyElementsOf(eventsInQueueOrder(one.jdbc(), endpointId));
		assertThat(recorder.maxInFlight()).isOne();
	}

}
