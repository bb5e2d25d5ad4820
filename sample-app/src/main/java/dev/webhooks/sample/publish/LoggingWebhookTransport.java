package dev.webhooks.sample.publish;

import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.webhooks.delivery.WebhookRequest;
import dev.webhooks.delivery.WebhookResponse;
import dev.webhooks.delivery.WebhookTransport;

import org.springframework.beans.factory.DisposableBean;

/**
 * Logs every signed request the delivery engine sends, and its answer, at INFO, so the sample's log shows the
 * sending half of the round trip. The starter logs single attempts only at DEBUG (an application sending
 * thousands of events a second would drown in them); a demo wants to see each one.
 * <p>
 * The signature is shown shortened: it is an HMAC of the body, not the secret, but a log needs no more of it.
 */
class LoggingWebhookTransport implements WebhookTransport, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(LoggingWebhookTransport.class);

	private final WebhookTransport delegate;

	LoggingWebhookTransport(WebhookTransport delegate) {
		this.delegate = delegate;
	}

	@Override
	public CompletableFuture<WebhookResponse> send(WebhookRequest request) {
		String id = request.headers().get("webhook-id");
		String signature = shorten(request.headers().get("webhook-signature"));
		logger.info("Signed {} ({}) and sending it to {}", id, signature, request.url());
		long start = System.nanoTime();
		return this.delegate.send(request).whenComplete((response, error) -> {
			long millis = (System.nanoTime() - start) / 1_000_000;
			if (response != null) {
				int status = response.statusCode();
				logger.info("{} {}: {} answered {} in {} ms", (status / 100 == 2) ? "Delivered" : "Not delivered", id,
						request.url(), status, millis);
			}
			else {
				logger.info("Delivery of {} to {} failed after {} ms: {}", id, request.url(), millis, error.toString());
			}
		});
	}

	@Override
	public void destroy() throws Exception {
		if (this.delegate instanceof DisposableBean disposable) {
			disposable.destroy();
		}
	}

	private static String shorten(String signature) {
		if (signature == null) {
			return "(unsigned)";
		}
		String first = signature.split(" ")[0];
		return (first.length() > 14) ? first.substring(0, 14) + "…" : first;
	}

}
