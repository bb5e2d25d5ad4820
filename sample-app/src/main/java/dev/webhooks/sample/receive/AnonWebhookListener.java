package dev.webhooks.sample.receive;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.webhooks.receive.Envelope;
import dev.webhooks.receive.WebhookListener;
import dev.webhooks.receive.WebhookMessage;

import org.springframework.stereotype.Component;

/**
 * Receives migration events on source {@code anon} (application.yml): Anon's, and the sample's own, which its
 * static endpoint {@code sample-self} sends here. Each request is verified, size-checked and de-duplicated
 * before this method runs, so a call means the signature matched the source's secret.
 */
@Component
public class AnonWebhookListener {

	private static final Logger logger = LoggerFactory.getLogger(AnonWebhookListener.class);

	@WebhookListener(source = "anon", events = { "migration.*", "migration_task.*" })
	public void onMigration(Migration migration, @Envelope EventSummary event, WebhookMessage message) {
		logger.info("Verified and handled {} {} (signed at {}): migration {} is {}. {}", message.type(), message.id(),
				message.timestamp(), migration.id(), migration.status(), (event.text() != null) ? event.text() : "");
	}

	/**
	 * The part of the envelope this listener logs besides the payload.
	 *
	 * @param text the one-line summary, or {@code null}
	 */
	public record EventSummary(String text) {
	}

}
