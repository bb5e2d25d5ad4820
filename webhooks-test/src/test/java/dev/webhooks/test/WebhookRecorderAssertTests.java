package dev.webhooks.test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import dev.webhooks.delivery.WebhookRequest;
import dev.webhooks.delivery.WebhookResponse;
import dev.webhooks.publish.PublishRequest;
import dev.webhooks.publish.WebhookPublisher;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link WebhookRecorderAssert} passes on what was recorded and fails, naming what was there, on what was not;
 * the recording publisher records only committed publishes, the recording transport signed requests.
 */
class WebhookRecorderAssertTests {

	private final WebhookRecorder recorder = new WebhookRecorder(JsonMapper.shared());

	private final WebhookPublisher publisher = new RecordingWebhookPublisher((request) -> "evt_1", this.recorder);

	@Test
	void publishedEventMatchesItsTypeDataAndTenant() {
		this.publisher.publish(PublishRequest.builder("migration.completed")
			.data(new Payload("mig_1", "COMPLETE"))
			.tenant("acme")
			.build());

		assertThat(this.recorder).published("migration.completed")
			.withData(Map.of("id", "mig_1", "status", "COMPLETE"))
			.withTenant("acme")
			.times(1);
	}

	@Test
	void otherDataFailsNamingTheDataPublished() {
		this.publisher.publish("migration.completed", new Payload("mig_1", "COMPLETE"));

		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.recorder).published("migration.completed")
				.withData(new Payload("mig_2", "COMPLETE")))
			.withMessageContaining("mig_2")
			.withMessageContaining("mig_1");
	}

	@Test
	void unpublishedTypeFailsNamingThePublishedTypes() {
		this.publisher.publish("migration.started", new Payload("mig_1", "WORKING"));

		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.recorder).published("migration.completed"))
			.withMessageContaining("migration.started");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.recorder).publishedNothing());
	}

	@Test
	void publishInARolledBackTransactionIsNotRecorded() {
		TransactionSynchronizationManager.initSynchronization();
		try {
			this.publisher.publish("migration.completed", new Payload("mig_1", "COMPLETE"));
			assertThat(this.recorder).publishedNothing();
			TransactionSynchronizationManager.getSynchronizations()
				.forEach((sync) -> sync.afterCompletion(TransactionSynchronization.STATUS_ROLLED_BACK));
		}
		finally {
			TransactionSynchronizationManager.clearSynchronization();
		}

		assertThat(this.recorder).publishedNothing();
	}

	@Test
	void publishInACommittedTransactionIsRecordedAfterTheCommit() {
		TransactionSynchronizationManager.initSynchronization();
		try {
			this.publisher.publish("migration.completed", new Payload("mig_1", "COMPLETE"));
			assertThat(this.recorder).publishedNothing();
			TransactionSynchronizationManager.getSynchronizations().forEach(TransactionSynchronization::afterCommit);
		}
		finally {
			TransactionSynchronizationManager.clearSynchronization();
		}

		assertThat(this.recorder).published("migration.completed").times(1);
	}

	@Test
	void recordedRequestIsAnswered204AndMatchesItsUrlDataAndSignature() {
		RecordingWebhookTransport transport = new RecordingWebhookTransport(this.recorder);
		byte[] body = "{\"type\":\"migration.completed\",\"data\":{\"object\":{\"id\":\"mig_1\"}}}"
			.getBytes(StandardCharsets.UTF_8);

		WebhookResponse response = transport.send(new WebhookRequest(URI.create("https://crm.example.com/hooks"),
				Map.of("webhook-signature", "v1,abc"), body)).join();

		assertThat(response.statusCode()).isEqualTo(204);
		assertThat(this.recorder).delivered("migration.completed")
			.to("https://crm.example.com/hooks")
			.withData(Map.of("id", "mig_1"))
			.signedIn("Webhook-Signature");
	}

	@Test
	void missingDeliveryFailsAfterWaiting() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.recorder).within(Duration.ofMillis(100)).delivered("migration.completed"))
			.withMessageContaining("within PT0.1S");
	}

	record Payload(String id, String status) {
	}

}
