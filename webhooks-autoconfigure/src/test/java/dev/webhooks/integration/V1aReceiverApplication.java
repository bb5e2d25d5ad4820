package dev.webhooks.integration;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.webhooks.receive.WebhookListener;
import dev.webhooks.receive.WebhookMessage;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The receiving application of the {@code v1a} end-to-end tests: one {@code @WebhookListener} on the source
 * {@code provider}, whose verification keys the test configures.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class V1aReceiverApplication {

	@Bean
	Received received() {
		return new Received();
	}

	/** What the listener was handed, after verification. */
	static class Received {

		final List<WebhookMessage> messages = new CopyOnWriteArrayList<>();

		@WebhookListener(source = "provider", events = "migration.completed")
		void onMigration(WebhookMessage message) {
			this.messages.add(message);
		}

	}

}
