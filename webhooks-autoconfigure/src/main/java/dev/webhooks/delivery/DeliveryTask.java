package dev.webhooks.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.webhooks.signing.WebhookSecret;

/**
 * Everything the dispatcher needs to make the next attempt of one delivery, without another database read.
 *
 * @param deliveryId the delivery id
 * @param eventId the event id, sent as {@code webhook-id}
 * @param eventType the event type, for metrics and logs
 * @param tenantId the event's tenant, or {@code null}
 * @param eventCreatedAt when the event was published, for the publish-to-delivered timer
 * @param body the serialised envelope, sent as is
 * @param endpointId the endpoint id
 * @param url the endpoint URL
 * @param headers the endpoint's custom headers
 * @param secrets the endpoint's secrets valid now, current first
 * @param attemptsMade how many attempts were already made
 * @param traceParent the W3C {@code traceparent} of the publish that stored the event, or {@code null}, so each
 * attempt's span joins the publish's trace, also when another instance or a restarted one makes it
 * @param sslBundle the SSL bundle whose key and trust material the TLS connection uses ({@code ssl_bundle}), or
 * {@code null} for the default
 */
public record DeliveryTask(String deliveryId, String eventId, String eventType, String tenantId,
		Instant eventCreatedAt, byte[] body, String endpointId, String url, Map<String, String> headers,
		List<WebhookSecret> secrets, int attemptsMade, String traceParent, String sslBundle) {

	/**
	 * A task of an event stored without a trace context, for an endpoint without an SSL bundle of its own.
	 * @param deliveryId the delivery id
	 * @param eventId the event id
	 * @param eventType the event type
	 * @param tenantId the event's tenant, or {@code null}
	 * @param eventCreatedAt when the event was published
	 * @param body the serialised envelope
	 * @param endpointId the endpoint id
	 * @param url the endpoint URL
	 * @param headers the endpoint's custom headers
	 * @param secrets the endpoint's secrets valid now
	 * @param attemptsMade how many attempts were already made
	 */
	public DeliveryTask(String deliveryId, String eventId, String eventType, String tenantId, Instant eventCreatedAt,
			byte[] body, String endpointId, String url, Map<String, String> headers, List<WebhookSecret> secrets,
			int attemptsMade) {
		this(deliveryId, eventId, eventType, tenantId, eventCreatedAt, body, endpointId, url, headers, secrets,
				attemptsMade, null, null);
	}

	/**
	 * The same task for its next attempt.
	 * @return a copy with one more attempt made
	 */
	public DeliveryTask nextAttempt() {
		return new DeliveryTask(this.deliveryId, this.eventId, this.eventType, this.tenantId, this.eventCreatedAt,
				this.body, this.endpointId, this.url, this.headers, this.secrets, this.attemptsMade + 1,
				this.traceParent, this.sslBundle);
	}

}
