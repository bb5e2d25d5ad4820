package dev.webhooks.sample.receive;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.webhooks.receive.WebhookListener;
import dev.webhooks.receive.WebhookMessage;

import org.springframework.stereotype.Component;

/**
 * Receives Anon's migration events (source {@code anon} in application.yml). Each request is verified,
 * size-checked and de-duplicated before these methods run.
 */
@Component
public class AnonWebhookListener {

	private static final Logger logger = LoggerFactory.getLogger(AnonWebhookListener.class);

	@WebhookListener(source = "anon", events = { "migration.completed", "migration_task.*" })
	public void onMigration(Migration migration, WebhookMessage message) {
		logger.info("Received {} {} for migration {} (status {})", message.type(), message.id(), migration.id(),
				migration.status());
	}

}
