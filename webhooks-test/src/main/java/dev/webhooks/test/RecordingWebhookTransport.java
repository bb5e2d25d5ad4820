package dev.webhooks.test;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.webhooks.delivery.WebhookRequest;
import dev.webhooks.delivery.WebhookResponse;
import dev.webhooks.delivery.WebhookTransport;

/**
 * A {@link WebhookTransport} that records each signed request in a {@link WebhookRecorder} and answers it
 * {@code 204} itself, so the outbox, the dispatcher, signing and the delivery log all run as in production and
 * nothing leaves the test.
 */
public class RecordingWebhookTransport implements WebhookTransport {

	private final WebhookRecorder recorder;

	/**
	 * A transport recording into a recorder.
	 * @param recorder the recorder
	 */
	public RecordingWebhookTransport(WebhookRecorder recorder) {
		this.recorder = recorder;
	}

	@Override
	public CompletableFuture<WebhookResponse> send(WebhookRequest request) {
		try {
			this.recorder.recordDelivered(new RecordedDelivery(request.url(), Map.copyOf(request.headers()),
					request.body().clone(), this.recorder.parse(request.body())));
			return CompletableFuture.completedFuture(new WebhookResponse(204, Map.of(), ""));
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

}
