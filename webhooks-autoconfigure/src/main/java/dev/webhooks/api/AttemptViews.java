package dev.webhooks.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.webhooks.api.ApiResponses.AttemptView;
import dev.webhooks.api.ApiResponses.PageView;
import dev.webhooks.delivery.AttemptRecord;
import dev.webhooks.delivery.DeliveryTask;
import dev.webhooks.delivery.SignedRequestFactory;
import dev.webhooks.delivery.StoredEvent;
import dev.webhooks.endpoint.EndpointSecret;
import dev.webhooks.endpoint.WebhookEndpoint;

/**
 * The view of an attempt: the log's record with the start of the response body, and the request headers of the
 * attempt, signed as the delivery engine signs them (same factory, the attempt's time, the endpoint's secrets
 * that were valid then). The log keeps no request headers, so a secret rotated out and dropped since the attempt
 * no longer appears in its signature header. Signatures are shown; secrets never.
 */
public class AttemptViews {

	private final SignedRequestFactory requests;

	private final int maxResponseBody;

	/**
	 * Create the views.
	 * @param requests signs requests as the delivery engine does, or {@code null} to show no request headers
	 * @param maxResponseBody the most characters of a response body shown
	 */
	public AttemptViews(SignedRequestFactory requests, int maxResponseBody) {
		this.requests = requests;
		this.maxResponseBody = maxResponseBody;
	}

	/**
	 * The view of an attempt.
	 * @param attempt the attempt
	 * @param endpoint its endpoint, or {@code null} when it was deleted
	 * @param event its event, or {@code null} when it was purged
	 * @return the view
	 */
	public AttemptView view(AttemptRecord attempt, WebhookEndpoint endpoint, StoredEvent event) {
		String body = attempt.responseBody();
		if (body != null && body.length() > this.maxResponseBody) {
			body = body.substring(0, this.maxResponseBody);
		}
		return AttemptView.of(attempt, body, headers(attempt, endpoint, event));
	}

	/**
	 * The views of attempts as a list response, newest first.
	 * @param attempts the attempts, oldest first
	 * @param endpoints the endpoint of an attempt, or {@code null} when it was deleted
	 * @param event the attempts' event, or {@code null} when it was purged
	 * @return the list
	 */
	public PageView<AttemptView> newestFirst(List<AttemptRecord> attempts,
			Function<AttemptRecord, WebhookEndpoint> endpoints, StoredEvent event) {
		List<AttemptView> views = new ArrayList<>(attempts.size());
		for (AttemptRecord attempt : attempts) {
			views.add(view(attempt, endpoints.apply(attempt), event));
		}
		Collections.reverse(views);
		return new PageView<>(views, null, null);
	}

	private Map<String, String> headers(AttemptRecord attempt, WebhookEndpoint endpoint, StoredEvent event) {
		if (this.requests == null || endpoint == null || event == null) {
			return Map.of();
		}
		DeliveryTask task = new DeliveryTask(attempt.deliveryId(), event.id(), event.type(), event.tenantId(),
				event.createdAt(), event.body(), endpoint.id(), endpoint.url(), endpoint.headers(),
				EndpointSecret.signingAt(endpoint.secrets(), attempt.startedAt()), attempt.attemptNumber() - 1);
		if (task.secrets().isEmpty()) {
			return Map.of();
		}
		return new LinkedHashMap<>(this.requests.create(task, attempt.startedAt()).headers());
	}

}
