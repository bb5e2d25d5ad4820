package dev.webhooks.integration;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.webhooks.delivery.DefaultDeliveryDispatcher;
import dev.webhooks.delivery.DeliveryDispatcher;
import dev.webhooks.delivery.DeliveryLog;
import dev.webhooks.delivery.DeliveryRepository;
import dev.webhooks.delivery.EndpointWaiting;
import dev.webhooks.delivery.StoredEvent;
import dev.webhooks.endpoint.EndpointOrdering;
import dev.webhooks.endpoint.EndpointRepository;
import dev.webhooks.endpoint.EndpointRequest;
import dev.webhooks.endpoint.WebhookEndpoint;
import dev.webhooks.event.WebhookEnvelopeWriter;
import dev.webhooks.publish.EndpointDeliveries;
import dev.webhooks.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Ordered ({@code fifo}) endpoints end to end, over real HTTP on loopback: the receiver sees the first successful
 * delivery of each event in publish order, the queue moves on past a dead delivery and says so, other endpoints
 * are not held back, and an instance that stops mid-stream leaves the queue to another after its lease. Subclasses
 * name the database.
 */
abstract class OrderedDeliveryContractTests extends DeliveryControlsContractTests {

	OrderedDeliveryContractTests(TestDatabases databases) {
		super(databases);
	}

	@Test
	void aThousandEventsArriveInPublishOrderWhileTheReceiverFailsAtRandom() throws Exception {
		OrderRecorder recorder = new OrderRecorder(42, 0.2, (rank) -> false, 0);
		String url = this.apps.receiver(recorder).url();
		ProviderApp app = this.apps.start(newDatabase(),
				"webhooks.delivery.retry.schedule=0s,0s,20ms,20ms,20ms,20ms,20ms,20ms,20ms,20ms");
		String endpointId = fifoEndpoint(app, url);

		// four publishers at once: each one's events are in its own program order, and all of them in the order
		// the store gave their deliveries (the commit order of their transactions)
		List<List<String>> byPublisher = publishConcurrently(app, 4, 250);

		await().atMost(WAIT).until(() -> recorder.successes() == 1000);
		List<String> seen = recorder.firstSuccesses();
		for (List<String> published : byPublisher) {
			assertThat(seen.stream().filter(published::contains).toList()).containsExactlyElementsOf(published);
		}
		assertThat(seen).containsExactlyElementsOf(eventsInQueueOrder(app.jdbc(), endpointId));
		assertThat(recorder.maxInFlight()).isOne();
	}

	@Test
	void theQueueMovesOnPastADeadDeliveryAndTheLogSaysSo() throws Exception {
		// in an ordered queue the eleventh event to arrive is the eleventh published: it fails every attempt
		OrderRecorder recorder = new OrderRecorder(7, 0, (rank) -> rank == 10, 0);
		String url = this.apps.receiver(recorder).url();
		ProviderApp app = this.apps.start(newDatabase(), "webhooks.delivery.retry.schedule=0s,50ms,50ms");
		String endpointId = fifoEndpoint(app, url);
		List<String> ids = new ArrayList<>();
		for (int n = 0; n < 20; n++) {
			ids.add(app.publish("migration.completed", Map.of("n", n)));
		}

		await().atMost(WAIT).until(() -> recorder.successes() == 19);
		List<String> expected = new ArrayList<>(ids);
		expected.remove(10);
		assertThat(recorder.firstSuccesses()).containsExactlyElementsOf(expected);
		assertThat(app.deliveryStatus(ids.get(10), endpointId)).isEqualTo("DEAD");
		List<Map<String, Object>> attempts = app.attempts(ids.get(10), endpointId);
		assertThat(attempts).hasSize(3);
		assertThat((String) attempts.get(2).get("error")).contains(DefaultDeliveryDispatcher.ORDERED_DEAD_NOTE);
		assertThat(recorder.lastRequestAt(ids.get(11))).isAfter(recorder.lastRequestAt(ids.get(10)));
	}

	@Test
	void aTestEventAndReplaysJoinTheBackOfTheOrderedQueue() throws Exception {
		OrderRecorder recorder = new OrderRecorder(5, 0.2, (rank) -> false, 0);
		String url = this.apps.receiver(recorder).url();
		ProviderApp app = this.apps.start(newDatabase(),
				"webhooks.delivery.retry.schedule=0s,0s,20ms,20ms,20ms,20ms,20ms,20ms,20ms,20ms");
		String endpointId = fifoEndpoint(app, url);
		WebhookEndpoint endpoint = app.bean(EndpointRepository.class).findById(endpointId).orElseThrow();
		// as the management API's test-event and replay routes send them
		EndpointDeliveries sender = new EndpointDeliveries(app.bean(DeliveryRepository.class),
				app.bean(DeliveryLog.class), app.bean(WebhookEnvelopeWriter.class),
				new TransactionTemplate(app.bean(PlatformTransactionManager.class)),
				app.context().getBeanProvider(DeliveryDispatcher.class), Clock.systemUTC());
		List<String> expected = new ArrayList<>();
		for (int n = 0; n < 10; n++) {
			expected.add(app.publish("migration.completed", Map.of("n", n)));
		}
		expected.add(sender.sendEvent(endpoint, "migration.completed", Map.of("n", "test"), null));
		for (int n = 10; n < 20; n++) {
			expected.add(app.publish("migration.completed", Map.of("n", n)));
		}
		await().atMost(WAIT).until(() -> recorder.successes() == 21);
		assertThat(recorder.firstSuccesses()).containsExactlyElementsOf(expected);

		// replays of the first two events, then a new event: the new one goes out after both replays
		List<StoredEvent> replayed = app.jdbc().query(
				"SELECT id, event_type, tenant_id, created_at, body FROM webhook_event WHERE id IN (?, ?) ORDER BY id",
				(rs, row) -> new StoredEvent(rs.getString("id"), rs.getString("event_type"), rs.getString("tenant_id"),
						rs.getTimestamp("created_at").toInstant(), rs.getBytes("body")),
				expected.get(0), expected.get(1));
		sender.replay(endpoint, replayed);
		String after = app.publish("migration.completed", Map.of("n", "after"));
		await().atMost(WAIT).until(() -> recorder.successes() == 22);
		assertThat(recorder.lastRequestAt(expected.get(1))).isAfter(recorder.lastRequestAt(expected.get(0)));
		assertThat(recorder.lastRequestAt(after)).isAfter(recorder.lastRequestAt(expected.get(1)));
		assertThat(app.jdbc().queryForObject("SELECT COUNT(*) FROM webhook_delivery WHERE seq IS NULL", Integer.class))
			.isZero();
	}

	@Test
	void aParallelEndpointIsNotHeldBackByAnOrderedOneWaitingForItsHead() throws Exception {
		// the ordered endpoint's receiver fails everything and its retries wait a minute: its head blocks its queue
		OrderRecorder blocked = new OrderRecorder(1, 1.0, (rank) -> true, 0);
		OrderRecorder parallel = OrderRecorder.succeeding();
		String blockedUrl = this.apps.receiver(blocked).url();
		String parallelUrl = this.apps.receiver(parallel).url();
		ProviderApp app = this.apps.start(newDatabase(), "webhooks.delivery.retry.schedule=0s,60s,60s");
		String orderedId = fifoEndpoint(app, blockedUrl);
		app.endpoint(parallelUrl);

		for (int n = 0; n < 200; n++) {
			app.publish("migration.completed", Map.of("n", n));
		}

		await().atMost(WAIT).until(() -> parallel.successes() == 200);
		assertThat(blocked.arrivals()).hasSize(1);
		assertThat(app.jdbc().queryForObject(
				"SELECT COUNT(*) FROM webhook_delivery WHERE endpoint_id = ? AND status = 'PENDING' AND attempts = 0",
				Integer.class, orderedId)).isEqualTo(199);
		EndpointWaiting waiting = app.bean(DeliveryLog.class).waiting(orderedId);
		assertThat(waiting.orderedHead()).isNotNull();
		assertThat(waiting.behindOrderedHead()).isEqualTo(199);
	}

	@Test
	void anotherInstanceFinishesTheQueueInOrderAfterTheFirstStopsMidStreamAndItsLeaseRunsOut() throws Exception {
		List<String> database = newDatabase();
		List<String> held = Collections.synchronizedList(new ArrayList<>());
		// the receiver holds the 50th event long enough for the first instance to stop while it is in flight
		OrderRecorder recorder = new OrderRecorder(3, 0, (rank) -> false, 0) {

			@Override
			public void respond(int number, com.sun.net.httpserver.HttpExchange exchange)
					throws java.io.IOException, InterruptedException {
				if (number == 50) {
					held.add(exchange.getRequestHeaders().getFirst("webhook-id"));
					Thread.sleep(1500);
				}
				super.respond(number, exchange);
			}

		};
		String url = this.apps.receiver(recorder).url();
		String[] timings = { "webhooks.delivery.lease=3s", "webhooks.delivery.timeout=2s" };
		ProviderApp first = this.apps.start(database, with(timings, "webhooks.delivery.instance-id=first",
				"webhooks.delivery.shutdown-timeout=100ms"));
		String endpointId = fifoEndpoint(first, url);
		List<String> ids = new ArrayList<>();
		for (int n = 0; n < 100; n++) {
			ids.add(first.publish("migration.completed", Map.of("n", n)));
		}
		await().atMost(WAIT).until(() -> !held.isEmpty());
		first.close();
		ProviderApp second = this.apps.start(database, with(timings, "webhooks.delivery.instance-id=second"));

		await().atMost(WAIT).until(() -> recorder.successes() == 100);
		assertThat(recorder.firstSuccesses()).containsExactlyElementsOf(ids);
		// the first instance left the held delivery leased without an outcome; the second sent it again once the
		// lease ran out, and its attempt is the only one in the log
		String heldId = held.get(0);
		assertThat(recorder.arrivals()).hasSize(101);
		assertThat(second.attempts(heldId, endpointId)).hasSize(1);
		assertThat(second.jdbc().queryForObject(
				"SELECT COUNT(*) FROM webhook_delivery WHERE endpoint_id = ? AND status = 'SUCCEEDED'", Integer.class,
				endpointId)).isEqualTo(100);
	}

	static String[] with(String[] properties, String... more) {
		List<String> all = new ArrayList<>(List.of(properties));
		all.addAll(List.of(more));
		return all.toArray(String[]::new);
	}

	static String fifoEndpoint(ProviderApp app, String url) {
		return app.endpoints()
			.create(null, new EndpointRequest(url, null, List.of(), Map.of(), true, null, EndpointOrdering.FIFO, null,
					null))
			.endpoint()
			.id();
	}

	static List<List<String>> publishConcurrently(ProviderApp app, int publishers, int each) throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(publishers);
		try {
			List<Future<List<String>>> futures = new ArrayList<>();
			for (int p = 0; p < publishers; p++) {
				int publisher = p;
				futures.add(threads.submit((Callable<List<String>>) () -> {
					List<String> ids = new ArrayList<>();
					for (int i = 0; i < each; i++) {
						ids.add(app.publish("migration.completed", Map.of("n", publisher * each + i)));
					}
					return ids;
				}));
			}
			List<List<String>> all = new ArrayList<>();
			for (Future<List<String>> future : futures) {
				all.add(future.get());
			}
			return all;
		}
		finally {
			threads.shutdown();
		}
	}

	/** The endpoint's events in the order of their places in its queue, as the store gave them. */
	static List<String> eventsInQueueOrder(JdbcTemplate jdbc, String endpointId) {
		return jdbc.queryForList("SELECT event_id FROM webhook_delivery WHERE endpoint_id = ? ORDER BY seq",
				String.class, endpointId);
	}

}
