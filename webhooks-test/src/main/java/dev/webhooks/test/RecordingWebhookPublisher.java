package dev.webhooks.test;

import dev.webhooks.publish.PublishRequest;
import dev.webhooks.publish.WebhookPublisher;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A {@link WebhookPublisher} that publishes through the application's own and records each event in a
 * {@link WebhookRecorder} once it is committed: at once without a transaction, after the commit within one, and
 * never when the transaction rolls back.
 */
public class RecordingWebhookPublisher implements WebhookPublisher {

	private final WebhookPublisher delegate;

	private final WebhookRecorder recorder;

	/**
	 * Record what a publisher publishes.
	 * @param delegate the application's publisher
	 * @param recorder the recorder
	 */
	public RecordingWebhookPublisher(WebhookPublisher delegate, WebhookRecorder recorder) {
		this.delegate = delegate;
		this.recorder = recorder;
	}

	@Override
	public String publish(PublishRequest message) {
		String eventId = this.delegate.publish(message);
		RecordedEvent event = new RecordedEvent(eventId, message);
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCommit() {
					RecordingWebhookPublisher.this.recorder.recordPublished(event);
				}

			});
		}
		else {
			this.recorder.recordPublished(event);
		}
		return eventId;
	}

}
