package dev.webhooks.delivery;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.svix.Webhook;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import dev.webhooks.endpoint.EndpointSecret;
import dev.webhooks.endpoint.WebhookEndpoint;
import dev.webhooks.signing.WebhookSecret;
import dev.webhooks.testsupport.InMemoryWebhookStore;

import org.springframework.transaction.support.TransactionOperations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The delivery engine against real HTTP receivers on loopback, with the in-memory repository.
 */
class DefaultDeliveryDispatcherTests {

	private final WebhookSecret secret = WebhookSecret.generate();

	@AutoClose
	private TestDeliveryEngine engine;

	@Test
	void deliversAgainAfter503WithOneWebhookId() throws Exception {
		// given a receiver that answers 503 twice, then 200
		try (TestReceiver receiver = TestReceiver.answering(503, 503, 200)) {
			this.engine = TestDeliveryEngine.builder()
				.schedule(Duration.ZERO, Duration.ofMillis(100), Duration.ofMillis(200))
				.build();
			this.engine.endpoint("ep_1", receiver.url(), this.secret);
			// when an event is published
			String deliveryId = this.engine.publishOne("ep_1");
			// then it arrives three times with one webhook-id and the delivery succeeds
			await().atMost(Duration.ofSeconds(10))
				.until(() -> this.engine.repository.status(deliveryId) == DeliveryStatus.SUCCEEDED);
			assertThat(receiver.requests()).hasSize(3);
			assertThat(receiver.requests().stream().map((r) -> r.header("webhook-id")).distinct()).hasSize(1);
			assertThat(this.engine.repository.attempts(deliveryId)).extracting(DeliveryAttempt::statusCode)
				.containsExactly(503, 503, 200);
			assertThat(this.engine.repository.attempts(deliveryId)).extracting(DeliveryAttempt::attemptNumber)
				.containsExactly(1, 2, 3);
			// the retries waited for their schedule: 100 ms after the first, 100 ms after the second
			List<TestReceiver.Received> requests = receiver.requests();
			assertThat(Duration.between(requests.get(0).at(), requests.get(1).at())).isGreaterThanOrEqualTo(
					Duration.ofMillis(90));
		}
	}

	@Test
	void sameWebhookIdGoesToEveryEndpoint() throws Exception {
		try (TestReceiver first = TestReceiver.answering(200); TestReceiver second = TestReceiver.answering(200)) {
			this.engine = TestDeliveryEngine.builder().build();
			this.engine.endpoint("ep_1", first.url(), this.secret);
			this.engine.endpoint("ep_2", second.url(), WebhookSecret.generate());
			var event = TestDeliveryEngine.event("lead.created");
			this.engine.publish(event, "ep_1", "ep_2");
			await().atMost(Duration.ofSeconds(10)).until(() -> first.count() == 1 && second.count() == 1);
			assertThat(first.requests().get(0).header("webhook-id")).isEqualTo(event.id());
			assertThat(second.requests().get(0).header("webhook-id")).isEqualTo(event.id());
		}
	}

	@Test
	void zeroDelayRetryIsSentAgainWithoutThePoller() throws Exception {
		// given a schedule whose retries are due at once, and no poller
		try (TestReceiver receiver = TestReceiver.answering(500, 500, 200)) {
			this.engine = TestDeliveryEngine.builder()
				.schedule(Duration.ZERO, Duration.ZERO, Duration.ZERO)
				.withoutPoller()
				.build();
			this.engine.endpoint("ep_1", receiver.url(), this.secret);
			// when
			String deliveryId = this.engine.publishOne("ep_1");
			// then the dispatcher itself sent the retries
			await().atMost(Duration.ofSeconds(10))
				.until(() -> this.engine.repository.status(deliveryId) == DeliveryStatus.SUCCEEDED);
			assertThat(receiver.count()).isEqualTo(3);
			assertThat(this.engine.repository.attempts(deliveryId)).hasSize(3);
		}
	}

	@Test
	void failsAtOnceOn400() throws Exception {
		try (TestReceiver receiver = TestReceiver.answering(400)) {
			this.engine = TestDeliveryEngine.builder().build();
			this.engine.endpoint("ep_1", receiver.url(), this.secret);
			String deliveryId = this.engine.publishOne("ep_1");
			await().atMost(Duration.ofSeconds(10))
				.until(() -> this.engine.repository.status(deliveryId) == DeliveryStatus.FAILED);
			// the poller had time to retry, and did not
			await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2)).until(() -> receiver.count() == 1);
			assertThat(this.engine.repository.attempts(deliveryId)).singleElement()
				.satisfies((attempt) -> assertThat(attempt.statusCode()).isEqualTo(400));
			assertThat(this.engine.repository.isEnabled("ep_1")).isTrue();
			assertThat(this.engine.events).isEmpty();
		}
	}

	@Test
	void disablesEndpointOn410() throws Exception {
		try (TestReceiver receiver = TestReceiver.answering(410)) {
			this.engine = TestDeliveryEngine.builder().build();
			this.engine.endpoint("ep_1", receiver.url(), this.secret);
			String deliveryId = this.engine.publishOne("ep_1");
			await().atMost(Duration.ofSeconds(10)).until(() -> !this.engine.events.isEmpty());
			assertThat(this.engine.repository.status(deliveryId)).isEqualTo(DeliveryStatus.FAILED);
			assertThat(this.engine.repository.isEnabled("ep_1")).isFalse();
			assertThat(this.engine.events(EndpointDisabledEvent.class)).singleElement()
				.satisfies((event) -> assertThat(event.endpointId()).isEqualTo("ep_1"));
			assertThat(receiver.count()).isEqualTo(1);
		}
	}

	@Test
	void honoursRetryAfterOn429() throws Exception {
		// given a receiver that asks for 1 s with 429, while the schedule would retry after 100 ms
		try (TestReceiver receiver = TestReceiver.start((number, exchange) -> TestReceiver.reply(exchange,
				(number == 1) ? 429 : 200, (number == 1) ? Map.of("Retry-After", "1") : Map.of(), ""))) {
			this.engine = TestDeliveryEngine.builder().schedule(Duration.ZERO, Duration.ofMillis(100)).build();
			this.engine.endpoint("ep_1", receiver.url(), this.secret);
			String deliveryId = this.engine.publishOne("ep_1");
			await().atMost(Duration.ofSeconds(10))
				.until(() -> this.engine.repository.status(deliveryId) == DeliveryStatus.SUCCEEDED);
			List<TestReceiver.Received> requests = receiver.requests();
			assertThat(requests).hasSize(2);
			assertThat(Duration.between(requests.get(0).at(), requests.get(1).at()))
				.isGreaterThanOrEqualTo(Duration.ofMillis(950));
		}
	}

	@Test
	void capsRetryAfter() throws Exception {
		// given a receiver that asks for an hour, and a cap of 300 ms
		try (TestReceiver receiver = TestReceiver.start((number, exchange) -> TestReceiver.reply(exchange,
				(number == 1) ? 503 : 200, (number == 1) ? Map.of("Retry-After", "3600") : Map.of(), ""))) {
			this.engine = TestDeliveryEngine.builder()
				.schedule(Duration.ZERO, Duration.ofMillis(100))
				.retryAfterCap(Duration.ofMillis(300))
				.build();
			this.engine.endpoint("ep_1", receiver.url(), this.secret);
			String deliveryId = this.engine.publishOne("ep_1");
			await().atMost(Duration.ofSeconds(10))
				.until(() -> this.engine.repository.status(deliveryId) == DeliveryStatus.SUCCEEDED);
			List<TestReceiver.Received> requests = receiver.requests();
			assertThat(Duration.between(requests.get(0).at(), requests.get(1).at()))
				.isBetween(Duration.ofMillis(290), Duration.ofSeconds(5));
		}
	}

	@Test
	void retriesNetworkErrorsAndDiesAfterTheLastAttempt() throws Exception {
		// given an endpoint on a port nobody listens on
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		this.engine = TestDeliveryEngine.builder()
			.schedule(Duration.ZERO, Duration.ofMillis(50), Duration.ofMillis(100))
			.build();
		this.engine.endpoint("ep_1", "http://127.0.0.1:" + closedPort + "/hook", this.secret);
		// when
		String deliveryId = this.engine.publishOne("ep_1");
		// then every attempt of the schedule is made, the delivery is dead and the event says so
		await().atMost(Duration.ofSeconds(10))
			.until(() -> !this.engine.events(MessageAttemptExhaustedEvent.class).isEmpty());
		assertThat(this.engine.repository.status(deliveryId)).isEqualTo(DeliveryStatus.DEAD);
		assertThat(this.engine.repository.attempts(deliveryId)).hasSize(3).allSatisfy((attempt) -> {
			assertThat(attempt.statusCode()).isZero();
			assertThat(attempt.error()).startsWith("Connection refused");
		});
		MessageAttemptExhaustedEvent event = this.engine.events(MessageAttemptExhaustedEvent.class).get(0);
		assertThat(event.deliveryId()).isEqualTo(deliveryId);
		assertThat(event.endpointId()).isEqualTo("ep_1");
		assertThat(event.attempts()).isEqualTo(3);
		assertThat(this.engine.repository.failingSince("ep_1")).isNotNull();
	}

	@Test
	void lastAttemptOf5xxIsDead() throws Exception {
		try (TestReceiver receiver = TestReceiver.answering(500)) {
			this.engine = TestDeliveryEngine.builder().schedule(Duration.ZERO, Duration.ofMillis(50)).build();
			this.engine.endpoint("ep_1", receiver.url(), this.secret);
			String deliveryId = this.engine.publishOne("ep_1");
			await().atMost(Duration.ofSeconds(10))
				.until(() -> this.engine.repository.status(deliveryId) == DeliveryStatus.DEAD);
			assertThat(receiver.count()).isEqualTo(2);
			await().atMost(Duration.ofSeconds(5))
				.until(() -> this.engine.events(MessageAttemptExhaustedEvent.class).size() == 1);
			assertThat(this.engine.events(MessageAttemptExhaustedEvent.class).get(0).lastStatusCode()).isEqualTo(500);
		}
	}

	@Test
	void timesOutAnAttemptThatHangs() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		try (TestReceiver receiver = hangingUntil(release)) {
			this.engine = TestDeliveryEngine.builder().schedule(Duration.ZERO).timeout(Duration.ofMillis(500)).build();
			this.engine.endpoint("ep_1", receiver.url(), this.secret);
			String deliveryId = this.engine.publishOne("ep_1");
			// the attempt is given up on after its timeout, long before the receiver would answer
			await().atMost(Duration.ofSeconds(5))
				.until(() -> this.engine.repository.status(deliveryId) == DeliveryStatus.DEAD);
			release.countDown();
			DeliveryAttempt attempt = this.engine.repository.attempts(deliveryId).get(0);
			assertThat(attempt.statusCode()).isZero();
			assertThat(attempt.error()).startsWith("Timed out");
			assertThat(attempt.duration()).isBetween(Duration.ofMillis(450), Duration.ofSeconds(3));
		}
	}

	@Test
	void doesNotFollowRedirects() throws Exception {
		try (TestReceiver receiver = TestReceiver.start((number, exchange) -> {
			if (exchange.getRequestURI().getPath().equals("/hook")) {
				TestReceiver.reply(exchange, 302, Map.of("Location", "/elsewhere"), "");
			}
			else {
				TestReceiver.reply(exchange, 200, Map.of(), "");
			}
		})) {
			this.engine = TestDeliveryEngine.builder().schedule(Duration.ZERO).build();
			this.engine.endpoint("ep_1", receiver.url("/hook"), this.secret);
			String deliveryId = this.engine.publishOne("ep_1");
			await().atMost(Duration.ofSeconds(10))
				.until(() -> this.engine.repository.status(deliveryId) != DeliveryStatus.PENDING);
			assertThat(receiver.requests()).extracting(TestReceiver.Received::path).containsExactly("/hook");
			assertThat(this.engine.repository.attempts(deliveryId).get(0).statusCode()).isEqualTo(302);
			assertThat(this.engine.repository.status(deliveryId)).isEqualTo(DeliveryStatus.DEAD);
		}
	}

	@Test
	void keepsOnlyTheStartOfTheResponseBody() throws Exception {
		String large = "x".repeat(10_000);
		try (TestReceiver receiver = TestReceiver.start(
				(number, exchange) -> TestReceiver.reply(exchange, 200, Map.of("Content-Type", "text/plain"),
						large))) {
			this.engine = TestDeliveryEngine.builder().build();
			this.engine.endpoint("ep_1", receiver.url(), this.secret);
			String deliveryId = this.engine.publishOne("ep_1");
			await().atMost(Duration.ofSeconds(10))
				.until(() -> this.engine.repository.status(deliveryId) == DeliveryStatus.SUCCEEDED);
			assertThat(this.engine.repository.attempts(deliveryId).get(0).responseBody())
				.isEqualTo(large.substring(0, 4096));
		}
	}

	@Test
	void hangingEndpointDoesNotDelayAHealthyOne() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		try (TestReceiver hanging = hangingUntil(release); TestReceiver healthy = TestReceiver.answering(200)) {
			assertHealthyIsNotDelayed(hanging.url(), healthy.url(), healthy::count);
			release.countDown();
		}
	}

	@Test
	void hangingEndpointDoesNotDelayAnotherOnTheSameHost() throws Exception {
		// given two endpoints on one host and port (one connection route), one of which hangs
		CountDownLatch release = new CountDownLatch(1);
		try (TestReceiver receiver = TestReceiver.start((number, exchange) -> {
			if (exchange.getRequestURI().getPath().equals("/hang")) {
				release.await(10, TimeUnit.SECONDS);
			}
			TestReceiver.reply(exchange, 200, Map.of(), "");
		})) {
			assertHealthyIsNotDelayed(receiver.url("/hang"), receiver.url("/ok"),
					() -> (int) receiver.requests().stream().filter((r) -> r.path().equals("/ok")).count());
			release.countDown();
		}
	}

	/**
	 * Publish more deliveries to the hanging endpoint than its slots, then deliveries to the healthy one, and
	 * check that they all arrive while the hanging requests are still waiting for their timeout.
	 */
	private void assertHealthyIsNotDelayed(String hangingUrl, String healthyUrl,
			java.util.function.IntSupplier healthyCount) {
		Duration timeout = Duration.ofSeconds(3);
		this.engine = TestDeliveryEngine.builder().schedule(Duration.ZERO).timeout(timeout).limits(4, 8).build();
		this.engine.endpoint("ep_hanging", hangingUrl, this.secret);
		this.engine.endpoint("ep_healthy", healthyUrl, this.secret);
		for (int i = 0; i < 20; i++) {
			this.engine.publishOne("ep_hanging");
		}
		await().atMost(Duration.ofSeconds(2)).until(() -> this.engine.dispatcher.inFlight() == 4);
		for (int i = 0; i < 10; i++) {
			this.engine.publishOne("ep_healthy");
		}
		await().atMost(timeout.dividedBy(2)).until(() -> healthyCount.getAsInt() == 10);
		// no hanging request has timed out yet, and the hanging endpoint never held more than its own slots
		assertThat(this.engine.dispatcher.inFlight()).isEqualTo(4);
		assertThat(this.engine.dispatcher.queued()).isEqualTo(16);
	}

	private static TestReceiver hangingUntil(CountDownLatch release) throws IOException {
		return TestReceiver.start((number, exchange) -> {
			release.await(10, TimeUnit.SECONDS);
			TestReceiver.reply(exchange, 200, Map.of(), "");
		});
	}

	@Test
	void signatureVerifiesWithTheOfficialSvixLibrary() throws Exception {
		try (TestReceiver receiver = TestReceiver.answering(204)) {
			this.engine = TestDeliveryEngine.builder().svixHeaders(true).build();
			this.engine.endpoint("ep_1", receiver.url(), this.secret,
					Map.of("X-Customer", "acme", "webhook-signature", "v1,forged", "Content-Type", "text/plain"));
			String deliveryId = this.engine.publishOne("ep_1");
			await().atMost(Duration.ofSeconds(10))
				.until(() -> this.engine.repository.status(deliveryId) == DeliveryStatus.SUCCEEDED);
			TestReceiver.Received request = receiver.requests().get(0);
			Map<String, List<String>> headers = new ConcurrentHashMap<>();
			request.headers().forEach((name, value) -> headers.put(name, List.of(value)));
			// the official library accepts the signature (it throws when it does not)
			new Webhook(this.secret.reveal()).verify(new String(request.body(), StandardCharsets.UTF_8), headers);
			// and with the svix- copies alone as well
			Map<String, List<String>> svixOnly = Map.of("svix-id", List.of(request.header("svix-id")),
					"svix-timestamp", List.of(request.header("svix-timestamp")), "svix-signature",
					List.of(request.header("svix-signature")));
			new Webhook(this.secret.reveal()).verify(request.bodyText(), svixOnly);
			assertThat(request.header("content-type")).isEqualTo("application/json");
			assertThat(request.header("user-agent")).isEqualTo("test-agent/1");
			assertThat(request.header("x-customer")).isEqualTo("acme");
			assertThat(request.header("webhook-signature")).doesNotContain("forged");
			assertThat(Long.parseLong(request.header("webhook-timestamp")))
				.isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(5L));
		}
	}

	@Test
	void stoppingWaitsForTheRequestsInFlight() throws Exception {
		try (TestReceiver receiver = TestReceiver.start((number, exchange) -> {
			Thread.sleep(300);
			TestReceiver.reply(exchange, 200, Map.of(), "");
		})) {
			this.engine = TestDeliveryEngine.builder().build();
			this.engine.endpoint("ep_1", receiver.url(), this.secret);
			String deliveryId = this.engine.publishOne("ep_1");
			await().atMost(Duration.ofSeconds(5)).until(() -> receiver.count() == 1);
			// when the engine stops while the request is in flight
			this.engine.poller.stop();
			this.engine.dispatcher.stop();
			// then the request finished and its outcome is written
			assertThat(this.engine.dispatcher.inFlight()).isZero();
			assertThat(this.engine.repository.status(deliveryId)).isEqualTo(DeliveryStatus.SUCCEEDED);
		}
	}

	@Test
	void stoppingGivesBackTheLeasesOfQueuedDeliveries() throws Exception {
		try (TestReceiver receiver = TestReceiver.start((number, exchange) -> {
			Thread.sleep(500);
			TestReceiver.reply(exchange, 200, Map.of(), "");
		})) {
			// given one request in flight and two queued behind it on the same endpoint
			this.engine = TestDeliveryEngine.builder().limits(1, 10).withoutPoller().build();
			this.engine.endpoint("ep_1", receiver.url(), this.secret);
			String inFlight = this.engine.publishOne("ep_1");
			await().atMost(Duration.ofSeconds(5)).until(() -> receiver.count() == 1);
			String queued1 = this.engine.publishOne("ep_1");
			String queued2 = this.engine.publishOne("ep_1");
			assertThat(this.engine.repository.leaseOwner(queued1)).isEqualTo(TestDeliveryEngine.INSTANCE);

			// when the dispatcher stops
			this.engine.dispatcher.stop();

			// then the queued ones are free for the next poll of any instance, and the one in flight finished
			assertThat(this.engine.repository.leaseOwner(queued1)).isNull();
			assertThat(this.engine.repository.leaseOwner(queued2)).isNull();
			assertThat(this.engine.repository.status(queued1)).isEqualTo(DeliveryStatus.PENDING);
			assertThat(this.engine.repository.status(inFlight)).isEqualTo(DeliveryStatus.SUCCEEDED);
			assertThat(receiver.count()).isEqualTo(1);
		}
	}

	@Test
	void writesOutcomesInBatches() throws IOException {
		try (TestReceiver receiver = TestReceiver.answering(200)) {
			this.engine = TestDeliveryEngine.builder().limits(50, 50).withoutPoller().build();
			this.engine.endpoint("ep_1", receiver.url(), this.secret);
			List<String> ids = new java.util.ArrayList<>();
			for (int i = 0; i < 200; i++) {
				ids.add(this.engine.publishOne("ep_1"));
			}
			await().atMost(Duration.ofSeconds(20)).until(() -> ids.stream()
				.allMatch((id) -> this.engine.repository.status(id) == DeliveryStatus.SUCCEEDED));
			assertThat(this.engine.repository.recordOutcomesCalls()).isLessThan(200);
		}
	}

	@Test
	void aLongRowOfRequestsThatFailAtOnceIsWorkedThroughWithoutNestingCalls() {
		// given one request in flight per endpoint, and a transport that fails every request at once, on the
		// dispatcher's own thread, so that each failure starts the endpoint's next delivery from within its call
		InMemoryWebhookStore repository = new InMemoryWebhookStore();
		AtomicInteger deepestStack = new AtomicInteger();
		WebhookTransport failingAtOnce = (request) -> {
			deepestStack.accumulateAndGet(Thread.currentThread().getStackTrace().length, Math::max);
			throw new IllegalStateException("refused before sending");
		};
		DefaultDeliveryDispatcher dispatcher = new DefaultDeliveryDispatcher(
				new DefaultDeliveryDispatcher.Settings(TestDeliveryEngine.INSTANCE, Duration.ofMinutes(5),
						Duration.ofSeconds(1), 1, 1, 500, Duration.ofMillis(20), Duration.ofSeconds(5), 1),
				repository, new DeliveryOutcomeRecorder(repository, repository,
						TransactionOperations.withoutTransaction(), Clock.systemUTC()),
				failingAtOnce, new SignedRequestFactory(false, "test-agent/1"),
				new DeliveryOutcomeClassifier(new ScheduleRetryPolicy(List.of(Duration.ZERO, Duration.ofHours(1))),
						Duration.ofMinutes(1), Duration.ofSeconds(1)),
				null, null, Clock.systemUTC());
		dispatcher.start();
		try {
			Instant now = Instant.now();
			repository.save(new WebhookEndpoint("ep_1", null, "https://example.com/hook", "test", List.of(),
					Map.of(), List.of(new EndpointSecret(this.secret, null)), true, null, now, now));
			List<DeliveryTask> tasks = new ArrayList<>();
			for (int i = 0; i < 5000; i++) {
				tasks.addAll(repository.publish(TestDeliveryEngine.event("test.event"), TestDeliveryEngine.INSTANCE,
						Duration.ofMinutes(5), "ep_1"));
			}

			// when all of them are dispatched together
			dispatcher.dispatch(tasks);

			// then every one gets its outcome, and no call was made from within another's
			await().atMost(Duration.ofSeconds(30)).until(() -> tasks.stream()
				.allMatch((task) -> repository.attempts(task.deliveryId()).size() == 1));
			assertThat(deepestStack.get()).isLessThan(100);
		}
		finally {
			dispatcher.destroy();
		}
	}

}
