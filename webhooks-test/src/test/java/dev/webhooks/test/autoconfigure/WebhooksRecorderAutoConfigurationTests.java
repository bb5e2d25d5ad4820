package dev.webhooks.test.autoconfigure;

import dev.webhooks.delivery.WebhookTransport;
import dev.webhooks.publish.WebhookPublisher;
import dev.webhooks.test.RecordingWebhookPublisher;
import dev.webhooks.test.RecordingWebhookTransport;
import dev.webhooks.test.WebhookRecorder;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link WebhooksRecorderAutoConfiguration}: the recorder, the recording transport in place of the application's,
 * and the application's publisher wrapped so what it publishes is recorded.
 */
class WebhooksRecorderAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebhooksRecorderAutoConfiguration.class));

	@Test
	void installsTheRecorderAndTheRecordingTransport() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(WebhookRecorder.class);
			assertThat(context.getBean(WebhookTransport.class)).isInstanceOf(RecordingWebhookTransport.class);
		});
	}

	@Test
	void recordingTransportIsPrimaryOverTheApplicationsOwn() {
		this.runner.withBean("myTransport", WebhookTransport.class, () -> (request) -> null).run((context) -> {
			assertThat(context).getBeans(WebhookTransport.class).hasSize(2);
			assertThat(context.getBean(WebhookTransport.class)).isInstanceOf(RecordingWebhookTransport.class);
		});
	}

	@Test
	void wrapsTheApplicationsPublisherAndRecordsWhatItPublishes() {
		this.runner.withBean(WebhookPublisher.class, () -> (request) -> "evt_1").run((context) -> {
			WebhookPublisher publisher = context.getBean(WebhookPublisher.class);
			assertThat(publisher).isInstanceOf(RecordingWebhookPublisher.class);

			String eventId = publisher.publish("migration.completed", null);

			assertThat(eventId).isEqualTo("evt_1");
			assertThat(context.getBean(WebhookRecorder.class)).published("migration.completed").times(1);
		});
	}

	@Test
	void annotationImportsTheAutoConfiguration() {
		new ApplicationContextRunner().withUserConfiguration(Annotated.class)
			.run((context) -> assertThat(context).hasSingleBean(WebhookRecorder.class));
	}

	@AutoConfigureWebhooksRecorder
	static class Annotated {

	}

}
