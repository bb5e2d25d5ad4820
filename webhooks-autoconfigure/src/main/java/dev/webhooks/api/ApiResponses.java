package dev.webhooks.api;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

import dev.webhooks.delivery.AttemptRecord;
import dev.webhooks.delivery.DeliveryRecord;
import dev.webhooks.delivery.DeliveryStatus;
import dev.webhooks.delivery.EndpointStats;
import dev.webhooks.delivery.EndpointWaiting;
import dev.webhooks.delivery.MessageRecord;
import dev.webhooks.endpoint.WebhookEndpoint;
import dev.webhooks.event.EventTypeDefinition;

/**
 * The bodies the management API answers with, in snake_case. No type here holds a secret except
 * {@link EndpointView#secret()}, set only in the answers to create and rotate.
 */
public final class ApiResponses {

	private ApiResponses() {
	}

	static String statusName(DeliveryStatus status) {
		return status.name().toLowerCase(Locale.ROOT);
	}

	/**
	 * One page of a list.
	 *
	 * @param data the items, newest first
	 * @param nextCursor the cursor of the next (older) page, or {@code null} at the end
	 * @param prevCursor the cursor of the previous (newer) page, or {@code null} at the start
	 * @param <T> the item type
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	public record PageView<T>(List<T> data, String nextCursor, String prevCursor) {
	}

	/**
	 * An endpoint.
	 *
	 * @param id the endpoint id
	 * @param url the URL
	 * @param description free text
	 * @param events the subscribed types and patterns
	 * @param headers the custom headers
	 * @param enabled whether deliveries are made
	 * @param disabledReason why it was disabled, or {@code null}
	 * @param createdAt when it was created
	 * @param updatedAt when it last changed
	 * @param filter the payload filter document, or {@code null}
	 * @param ordering {@code parallel} or {@code fifo}
	 * @param rateLimit requests per second, or {@code null} for no limit
	 * @param sslBundle the SSL bundle that presents a client certificate, or {@code null}
	 * @param signatureVersions the signature versions it signs with, {@code v1}, {@code v1a} or both
	 * @param publicKey the {@code whpk_} public key receivers verify {@code v1a} with; absent without {@code v1a}
	 * @param secret the {@code v1} signing secret: only in the answer to create and rotate, and to a change that
	 * adds {@code v1}
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	public record EndpointView(String id, String url, String description, List<String> events,
			Map<String, String> headers, boolean enabled, String disabledReason, Instant createdAt,
			Instant updatedAt, JsonNode filter, String ordering, Integer rateLimit, String sslBundle,
			List<String> signatureVersions, @JsonInclude(JsonInclude.Include.NON_NULL) String publicKey,
			@JsonInclude(JsonInclude.Include.NON_NULL) String secret) {

		static EndpointView of(WebhookEndpoint endpoint, String secret) {
			return new EndpointView(endpoint.id(), endpoint.url(), endpoint.description(), endpoint.eventTypes(),
					endpoint.headers(), endpoint.enabled(), endpoint.disabledReason(), endpoint.createdAt(),
					endpoint.updatedAt(), (endpoint.filter() != null) ? endpoint.filter().tree() : null,
					endpoint.ordering().apiName(), endpoint.rateLimit(), endpoint.sslBundle(),
					endpoint.signatureVersions(), endpoint.publicKey(), secret);
		}

		@Override
		public String toString() {
			return "EndpointView[id=" + this.id + ", secret=" + ((this.secret != null) ? "(hidden)" : null) + "]";
		}

	}

	/**
	 * A new secret.
	 *
	 * @param id the endpoint id
	 * @param secret the new signing secret, shown this once
	 * @param previousSecretExpiresAt until when the previous secret keeps signing beside it
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	public record RotatedSecretView(String id, String secret, Instant previousSecretExpiresAt) {

		@Override
		public String toString() {
			return "RotatedSecretView[id=" + this.id + ", secret=(hidden)]";
		}

	}

	/**
	 * A new {@code v1a} key pair: only the public key is ever shown; the private key signs and stays in the store.
	 *
	 * @param id the endpoint id
	 * @param publicKey the new {@code whpk_} public key receivers verify with
	 * @param previousKeyExpiresAt until when the previous key keeps signing beside it, absent when there was none
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	public record RotatedKeyView(String id, String publicKey, Instant previousKeyExpiresAt) {
	}

	/**
	 * A delivery of an event to an endpoint.
	 *
	 * @param id the event id (the {@code webhook-id} the endpoint received)
	 * @param deliveryId the delivery id
	 * @param eventType the event type
	 * @param status pending, succeeded, failed, dead or cancelled
	 * @param attempts how many attempts were made
	 * @param lastResponseStatus the last response status, or {@code null}
	 * @param errorMessage the last attempt's error, or {@code null}
	 * @param createdAt when the delivery was created
	 * @param nextAttemptAt when the next attempt is due, while pending
	 * @param completedAt when it ended
	 * @param payload the event as sent, in the answer for one delivery
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	public record DeliveryView(String id, String deliveryId, String eventType, String status, int attempts,
			Integer lastResponseStatus, String errorMessage, Instant createdAt, Instant nextAttemptAt,
			Instant completedAt, @JsonInclude(JsonInclude.Include.NON_NULL) @JsonRawValue String payload) {

		static DeliveryView of(DeliveryRecord delivery, String payload) {
			return new DeliveryView(delivery.eventId(), delivery.deliveryId(), delivery.eventType(),
					statusName(delivery.status()), delivery.attempts(), delivery.lastStatusCode(), delivery.lastError(),
					delivery.createdAt(), delivery.nextAttemptAt(), delivery.completedAt(), payload);
		}

	}

	/**
	 * One attempt.
	 *
	 * @param eventId the event id
	 * @param endpointId the endpoint
	 * @param deliveryId the delivery
	 * @param attemptNumber 1 for the first attempt of its delivery
	 * @param timestamp when the request started
	 * @param durationMs how long it took
	 * @param responseStatus the response status, 0 for a network error
	 * @param responseBody the start of the response body
	 * @param error the error, or {@code null}
	 * @param requestHeaders the request headers as signed at the attempt's time with the endpoint's secrets
	 * valid then; the secrets themselves never
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	public record AttemptView(String eventId, String endpointId, String deliveryId, int attemptNumber,
			Instant timestamp, long durationMs, int responseStatus, String responseBody, String error,
			Map<String, String> requestHeaders) {

		static AttemptView of(AttemptRecord attempt, String responseBody, Map<String, String> requestHeaders) {
			return new AttemptView(attempt.eventId(), attempt.endpointId(), attempt.deliveryId(),
					attempt.attemptNumber(), attempt.startedAt(), attempt.durationMillis(), attempt.statusCode(),
					responseBody, attempt.error(), requestHeaders);
		}

	}

	/**
	 * An event of the tenant with its per-endpoint delivery status.
	 *
	 * @param id the event id
	 * @param eventType the event type
	 * @param createdAt when it was published
	 * @param deliveries its deliveries
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	public record MessageView(String id, String eventType, Instant createdAt, List<MessageDeliveryView> deliveries) {

		static MessageView of(MessageRecord message) {
			return new MessageView(message.eventId(), message.eventType(), message.createdAt(),
					message.deliveries().stream().map(MessageDeliveryView::of).toList());
		}

	}

	/**
	 * A message's delivery to one endpoint.
	 *
	 * @param endpointId the endpoint
	 * @param deliveryId the delivery
	 * @param status pending, succeeded, failed, dead or cancelled
	 * @param attempts how many attempts were made
	 * @param lastResponseStatus the last response status, or {@code null}
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	public record MessageDeliveryView(String endpointId, String deliveryId, String status, int attempts,
			Integer lastResponseStatus) {

		static MessageDeliveryView of(DeliveryRecord delivery) {
			return new MessageDeliveryView(delivery.endpointId(), delivery.deliveryId(), statusName(delivery.status()),
					delivery.attempts(), delivery.lastStatusCode());
		}

	}

	/**
	 * An endpoint's statistics.
	 *
	 * @param since the start of the window
	 * @param attempts attempts in the window
	 * @param successfulAttempts of those, the 2xx ones
	 * @param successRate their share, {@code null} without attempts
	 * @param backlog pending deliveries
	 * @param lastSuccessAt when the newest successful delivery ended
	 * @param lastFailureAt when the newest failed or dead delivery ended
	 * @param lastFailureResponseStatus its last response status
	 * @param ordering the endpoint's ordering, {@code parallel} or {@code fifo}
	 * @param rateLimit its rate limit in requests per second, or {@code null}
	 * @param orderedHead the delivery at the head of its ordered queue, or {@code null}
	 * @param waitingBehindOrderedHead pending deliveries waiting behind that head
	 * @param waitingForRateLimit pending deliveries whose first attempt waits for a rate-limit permit
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	public record StatsView(Instant since, long attempts, long successfulAttempts, Double successRate, long backlog,
			Instant lastSuccessAt, Instant lastFailureAt, Integer lastFailureResponseStatus, String ordering,
			Integer rateLimit, String orderedHead, long waitingBehindOrderedHead, long waitingForRateLimit) {

		static StatsView of(WebhookEndpoint endpoint, EndpointStats stats, EndpointWaiting waiting) {
			return new StatsView(stats.since(), stats.attempts(), stats.successfulAttempts(), stats.successRate(),
					stats.backlog(), stats.lastSuccessAt(), stats.lastFailureAt(), stats.lastFailureStatusCode(),
					endpoint.ordering().apiName(), endpoint.rateLimit(), waiting.orderedHead(),
					waiting.behindOrderedHead(), waiting.waitingForRateLimit());
		}

	}

	/**
	 * One entry of the event-type catalog.
	 *
	 * @param type the event type
	 * @param description when it is published
	 * @param example an example payload
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	public record EventTypeView(String type, String description, Object example) {

		static EventTypeView of(EventTypeDefinition definition) {
			return new EventTypeView(definition.type(), definition.description(), definition.example());
		}

	}

	/**
	 * What was accepted for sending.
	 *
	 * @param id the event id
	 */
	public record AcceptedView(String id) {
	}

	/**
	 * What a recovery sends again.
	 *
	 * @param recovered how many events
	 */
	public record RecoveredView(int recovered) {
	}

}
