package dev.webhooks.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import dev.webhooks.event.OutboxEvent;
import dev.webhooks.signing.WebhookSecret;
import dev.webhooks.testsupport.InMemoryWebhookStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The poller: what it claims, and its housekeeping.
 */
class DeliveryPollerTests {

	@AutoClose
	private TestDeliveryEngine engine;

	@Test
	void deliversWhatACrashLeftBehind() throws Exception {
		// given deliveries that are due and leased to nobody, as a crashed instance leaves them
		try (TestReceiver receiver = TestReceiver.answering(200)) {
			this.engine = TestDeliveryEngine.builder().build();
			this.engine.endpoint("ep_1", receiver.url(), WebhookSecret.generate());
			this.engine.endpoint("ep_2", receiver.url(), WebhookSecret.generate());
			List<String> ids = this.engine.repository.leaveDue(TestDeliveryEngine.event("lead.created"), "ep_1",
					"ep_2");
			// then the poller claims and delivers them
			await().atMost(Duration.ofSeconds(10)).until(() -> ids.stream()
				.allMatch((id) -> this.engine.repository.status(id) == DeliveryStatus.SUCCEEDED));
			assertThat(receiver.count()).isEqualTo(2);
		}
	}

	@Test
	void waitsForAnotherInstancesLeaseToRunOut() throws Exception {
		// given a delivery leased to another instance for 700 ms
		try (TestReceiver receiver = TestReceiver.answering(200)) {
			this.engine = TestDeliveryEngine.builder().build();
			this.engine.endpoint("ep_1", receiver.url(), WebhookSecret.generate());
			Instant now = Instant.now();
			OutboxEvent event = TestDeliveryEngine.event("lead.created");
			this.engine.repository.insert(event,
					List.of(new NewDelivery("dlv_other", "ep_1", now, "other-instance", now.plusMillis(700))));
			// then nothing is sent while the lease holds, and the delivery is sent once it ran out
			await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(1)).until(() -> receiver.count() == 0);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> this.engine.repository.status("dlv_other") == DeliveryStatus.SUCCEEDED);
			assertThat(receiver.requests().get(0).at()).isAfterOrEqualTo(now.plusMillis(690));
		}
	}

	@Test
	void doesNotClaimDeliveriesOfDisabledEndpoints() throws Exception {
		try (TestReceiver receiver = TestReceiver.answering(200)) {
			this.engine = TestDeliveryEngine.builder().withoutPoller().build();
			var endpoint = this.engine.endpoint("ep_1", receiver.url(), WebhookSecret.generate());
			this.engine.repository.save(new dev.webhooks.endpoint.WebhookEndpoint(endpoint.id(), null,
					endpoint.url(), null, List.of(), endpoint.headers(), endpoint.secrets(), false, "off",
					endpoint.createdAt(), endpoint.updatedAt()));
			this.engine.repository.leaveDue(TestDeliveryEngine.event("lead.created"), "ep_1");
			assertThat(this.engine.poller.poll()).isZero();
		}
	}

	@Test
	void disablesEndpointsFailingForTooLong() {
		this.engine = TestDeliveryEngine.builder().withoutPoller().build();
		this.engine.endpoint("ep_failing", "http://127.0.0.1:9/hook", WebhookSecret.generate());
		this.engine.endpoint("ep_recent", "http://127.0.0.1:9/hook", WebhookSecret.generate());
		this.engine.endpoint("ep_fine", "http://127.0.0.1:9/hook", WebhookSecret.generate());
		Instant now = Instant.now();
		// given an endpoint failing for 6 days, one for 1 day (the default limit is 5 days)
		this.engine.repository.setFailingSince("ep_failing", now.minus(6, ChronoUnit.DAYS));
		this.engine.repository.setFailingSince("ep_recent", now.minus(1, ChronoUnit.DAYS));
		// when
		this.engine.poller.housekeep();
		// then only the first is disabled, and an event says so
		assertThat(this.engine.repository.isEnabled("ep_failing")).isFalse();
		assertThat(this.engine.repository.isEnabled("ep_recent")).isTrue();
		assertThat(this.engine.repository.isEnabled("ep_fine")).isTrue();
		assertThat(this.engine.events(EndpointDisabledEvent.class)).singleElement()
			.satisfies((event) -> assertThat(event.endpointId()).isEqualTo("ep_failing"));
	}

	@Test
	void aSuccessResetsTheFailingClock() throws Exception {
		try (TestReceiver receiver = TestReceiver.answering(200)) {
			this.engine = TestDeliveryEngine.builder().build();
			this.engine.endpoint("ep_1", receiver.url(), WebhookSecret.generate());
			this.engine.repository.setFailingSince("ep_1", Instant.now().minus(6, ChronoUnit.DAYS));
			String id = this.engine.publishOne("ep_1");
			await().atMost(Duration.ofSeconds(10))
				.until(() -> this.engine.repository.status(id) == DeliveryStatus.SUCCEEDED);
			this.engine.poller.housekeep();
			assertThat(this.engine.repository.isEnabled("ep_1")).isTrue();
		}
	}

	@Test
	void purgesEventsOlderThanTheRetention() {
		this.engine = TestDeliveryEngine.builder().withoutPoller().build();
		this.engine.endpoint("ep_1", "http://127.0.0.1:9/hook", WebhookSecret.generate());
		Instant now = Instant.now();
		OutboxEvent old = new OutboxEvent("evt_old", "lead.created", null, now.minus(8, ChronoUnit.DAYS),
				"{}".getBytes(StandardCharsets.UTF_8), null);
		OutboxEvent recent = new OutboxEvent("evt_recent", "lead.created", null, now.minus(6, ChronoUnit.DAYS),
				"{}".getBytes(StandardCharsets.UTF_8), null);
		this.engine.repository.insert(old, List.of());
		this.engine.repository.insert(recent, List.of());
		this.engine.poller.housekeep();
		assertThat(this.engine.repository.hasEvent("evt_old")).isFalse();
		assertThat(this.engine.repository.hasEvent("evt_recent")).isTrue();
	}

}
