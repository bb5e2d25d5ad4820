package dev.webhooks.delivery;

import java.util.concurrent.CompletableFuture;

/**
 * Sends one webhook request without blocking the caller. A response of any status completes the future
 * normally; a request that got no response (refused, reset, timed out, refused by the URL guard) completes it
 * exceptionally.
 */
public interface WebhookTransport {

	/**
	 * Send a request.
	 * @param request the request
	 * @return the response, when it arrives
	 */
	CompletableFuture<WebhookResponse> send(WebhookRequest request);

}
