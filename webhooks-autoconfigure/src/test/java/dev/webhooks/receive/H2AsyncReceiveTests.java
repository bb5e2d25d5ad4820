package dev.webhooks.receive;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import dev.webhooks.receive.ReceiverTestApplication.Migration;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An asynchronous source answers 202 at once, stores the message, and retries a failing listener; a message
 * its instance never handled is handled by the next maintenance run.
 */
@SpringBootTest(classes = ReceiverTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "webhooks.receiver.sources.anon.async=true",
				"webhooks.receiver.async-listener.max-retries=3",
				"webhooks.receiver.async-listener.retry-delay=50ms",
				"spring.datasource.url=jdbc:h2:mem:receiver-async;DB_CLOSE_DELAY=-1" })
class H2AsyncReceiveTests extends ReceiverIntegrationTests {

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	WebhookInbox inbox;

	@Autowired
	IdempotencyStoreMaintenance maintenance;

	@Test
	void answers202BeforeTheListenerHasRunAndKeepsTheMessageMeanwhile() {
		String body = SignedRequests.envelope("evt_a1", "gated.test", "{}");

		// the listener waits for the gate, so the answer cannot have waited for the listener
		HttpResponse<String> response = this.requests.postStandard(ANON, "msg_async_gated", body,
				SignedRequests.SECRET_1);

		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(status("msg_async_gated")).isEqualTo("PENDING");
		assertThat(this.jdbc.queryForObject(
				"SELECT body FROM webhook_received WHERE source = 'anon' AND message_id = 'msg_async_gated'",
				byte[].class)).asString().isEqualTo(body);
		assertThat(this.listeners.messages).isEmpty();
		this.listeners.gate.countDown();
		await().atMost(Duration.ofSeconds(5)).until(() -> "HANDLED".equals(status("msg_async_gated")));
		assertThat(this.listeners.messages).singleElement().extracting(WebhookMessage::id).isEqualTo("msg_async_gated");
	}

	@Test
	void failingListenerIsRetriedUntilItSucceeds() {
		this.listeners.failuresLeft.set(2);
		double retriesBefore = retries();
		String body = SignedRequests.envelope("evt_a2", "fail.test", "{}");

		HttpResponse<String> response = this.requests.postStandard(ANON, "msg_async_retry", body,
				SignedRequests.SECRET_1);

		assertThat(response.statusCode()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.listeners.messages.size() == 1);
		assertThat(this.listeners.failingCalls).hasValue(3);
		assertThat(retries() - retriesBefore).isEqualTo(2);
		await().atMost(Duration.ofSeconds(5)).until(() -> "HANDLED".equals(status("msg_async_retry")));
		assertThat(this.requests.postStandard(ANON, "msg_async_retry", body, SignedRequests.SECRET_1).statusCode())
			.isEqualTo(200);
	}

	@Test
	void listenerFailingEveryRetryIsMarkedFailedAndCounted() {
		this.listeners.failuresLeft.set(100);
		String body = SignedRequests.envelope("evt_a3", "fail.test", "{}");

		HttpResponse<String> response = this.requests.postStandard(ANON, "msg_async_fails", body,
				SignedRequests.SECRET_1);

		assertThat(response.statusCode()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(5)).until(() -> "FAILED".equals(status("msg_async_fails")));
		assertThat(this.listeners.failingCalls).hasValue(4);
		assertThat(this.meterRegistry.get("webhooks.listener.async.failures").tag("source", "anon").counter().count())
			.isGreaterThanOrEqualTo(1);
		// the stored body is kept for inspection, and a redelivery is handled again
		assertThat(this.jdbc.queryForObject(
				"SELECT body FROM webhook_received WHERE source = 'anon' AND message_id = 'msg_async_fails'",
				byte[].class)).asString().isEqualTo(body);
		this.listeners.failuresLeft.set(0);
		assertThat(this.requests.postStandard(ANON, "msg_async_fails", body, SignedRequests.SECRET_1).statusCode())
			.isEqualTo(202);
		await().atMost(Duration.ofSeconds(5)).until(() -> "HANDLED".equals(status("msg_async_fails")));
	}

	@Test
	void messageAnInstanceAcceptedButNeverHandledIsHandledByTheNextMaintenanceRun() {
		// what an instance that stopped after answering 202 leaves: a pending row whose claim has timed out
		String body = SignedRequests.envelope("evt_a4", "migration.completed",
				"{\"id\":\"mig_abandoned\",\"status\":\"COMPLETED\"}");
		WebhookMessage message = new WebhookMessage("msg_abandoned", "migration.completed", Instant.now(), "anon",
				new HttpHeaders(), body.getBytes(StandardCharsets.UTF_8));
		this.store.claim("anon", "msg_abandoned");
		this.inbox.savePending(message);
		this.jdbc.update("UPDATE webhook_received SET claimed_at = ? WHERE source = 'anon' AND message_id = ?",
				OffsetDateTime.now(ZoneOffset.UTC).minusHours(1), "msg_abandoned");

		this.maintenance.runOnce();

		await().atMost(Duration.ofSeconds(5)).until(() -> "HANDLED".equals(status("msg_abandoned")));
		assertThat(this.listeners.migrations).containsExactly(new Migration("mig_abandoned", "COMPLETED"));
		assertThat(this.listeners.messages).singleElement().extracting(WebhookMessage::id).isEqualTo("msg_abandoned");
	}

	private String status(String messageId) {
		return this.jdbc.queryForList("SELECT status FROM webhook_received WHERE source = 'anon' AND message_id = ?",
				String.class, messageId).stream().findFirst().orElse(null);
	}

	private double retries() {
		var counter = this.meterRegistry.find("webhooks.listener.async.retries").tag("source", "anon").counter();
		return (counter != null) ? counter.count() : 0;
	}

}
