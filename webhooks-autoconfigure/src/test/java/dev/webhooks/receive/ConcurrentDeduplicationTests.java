package dev.webhooks.receive;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Eight concurrent deliveries of one message id call the listener once, whatever the database.
 */
abstract class ConcurrentDeduplicationTests extends ReceiverIntegrationTests {

	private static final int THREADS = 8;

	@Test
	void eightConcurrentDeliveriesOfOneIdCallTheListenerOnce() throws Exception {
		SignedRequests requests = this.requests;
		String body = SignedRequests.envelope("evt_concurrent", "slow.test", "{}");
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(THREADS);
		List<Future<HttpResponse<String>>> responses = new ArrayList<>();
		for (int i = 0; i < THREADS; i++) {
			responses.add(pool.submit(() -> {
				start.await();
				return requests.postStandard(ANON, "msg_concurrent", body, SignedRequests.SECRET_1);
			}));
		}

		start.countDown();
		// the one delivery that got the claim holds it in the listener until every other one has been answered
		await().atMost(Duration.ofSeconds(10))
			.until(() -> responses.stream().filter(Future::isDone).count() == THREADS - 1);
		this.listeners.gate.countDown();
		List<Integer> statuses = new ArrayList<>();
		for (Future<HttpResponse<String>> response : responses) {
			statuses.add(response.get().statusCode());
		}
		pool.shutdown();

		assertThat(this.listeners.slowCalls).hasValue(1);
		assertThat(statuses).containsOnlyOnce(204);
		// the others arrived while it ran (409, retry later) or after (200, handled)
		assertThat(statuses).filteredOn((status) -> status != 204).allMatch((status) -> status == 200 || status == 409);
		assertThat(this.store.claim("anon", "msg_concurrent")).isEqualTo(IdempotencyStore.Claim.HANDLED);
	}

}
