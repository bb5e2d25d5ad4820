package dev.webhooks.api;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import dev.webhooks.api.ApiResponses.AcceptedView;
import dev.webhooks.api.ApiResponses.AttemptView;
import dev.webhooks.api.ApiResponses.DeliveryView;
import dev.webhooks.api.ApiResponses.PageView;
import dev.webhooks.delivery.DeliveryLog;
import dev.webhooks.delivery.DeliveryLogQuery;
import dev.webhooks.delivery.DeliveryLogQuery.Position;
import dev.webhooks.delivery.DeliveryRecord;
import dev.webhooks.delivery.StoredEvent;
import dev.webhooks.endpoint.WebhookEndpoint;
import dev.webhooks.endpoint.WebhookEndpoints;
import dev.webhooks.publish.EndpointDeliveries;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The delivery log of one endpoint in the management API: its deliveries with filters, one delivery with its
 * payload as sent, its attempts, and a replay. Only the caller's tenant's endpoints are found.
 */
@RestController
@RequestMapping(path = "${webhooks.api.base-path:/v1/webhooks}/{id}/events", produces = "application/json")
public class DeliveryLogController {

	private final WebhookEndpoints endpoints;

	private final DeliveryLog log;

	private final EndpointDeliveries sender;

	private final AttemptViews attempts;

	private final ApiContext context;

	/**
	 * Create the controller.
	 * @param endpoints the endpoint service
	 * @param log the delivery log
	 * @param sender sends replays
	 * @param attempts the views of attempts
	 * @param context tenancy, paging and body reading
	 */
	public DeliveryLogController(WebhookEndpoints endpoints, DeliveryLog log, EndpointDeliveries sender,
			AttemptViews attempts, ApiContext context) {
		this.endpoints = endpoints;
		this.log = log;
		this.sender = sender;
		this.attempts = attempts;
		this.context = context;
	}

	@GetMapping
	public PageView<DeliveryView> list(HttpServletRequest request, @PathVariable String id,
			@RequestParam(required = false) String limit, @RequestParam(required = false) String cursor,
			@RequestParam(required = false) String status,
			@RequestParam(name = "event_type", required = false) String eventType,
			@RequestParam(required = false) String since, @RequestParam(required = false) String until) {
		WebhookEndpoint endpoint = endpoint(request, id);
		DeliveryLogQuery query = this.context.paging().query(limit, cursor, status, eventType, since, until);
		return this.context.paging().view(query, this.log.findDeliveries(endpoint.id(), query),
				(delivery) -> new Position(delivery.createdAt(), delivery.deliveryId(), false),
				(delivery) -> DeliveryView.of(delivery, null));
	}

	@GetMapping("/{eventId}")
	public DeliveryView get(HttpServletRequest request, @PathVariable String id, @PathVariable String eventId) {
		WebhookEndpoint endpoint = endpoint(request, id);
		DeliveryRecord delivery = delivery(endpoint, eventId);
		String payload = this.log.findEvent(eventId)
			.map((event) -> new String(event.body(), StandardCharsets.UTF_8))
			.orElse(null);
		return DeliveryView.of(delivery, payload);
	}

	@GetMapping("/{eventId}/attempts")
	public PageView<AttemptView> attempts(HttpServletRequest request, @PathVariable String id,
			@PathVariable String eventId) {
		WebhookEndpoint endpoint = endpoint(request, id);
		delivery(endpoint, eventId);
		StoredEvent event = this.log.findEvent(eventId).orElse(null);
		return this.attempts.newestFirst(this.log.findAttempts(endpoint.id(), eventId), (attempt) -> endpoint, event);
	}

	@PostMapping("/{eventId}/replay")
	public ResponseEntity<AcceptedView> replay(HttpServletRequest request, @PathVariable String id,
			@PathVariable String eventId) {
		WebhookEndpoint endpoint = endpoint(request, id);
		delivery(endpoint, eventId);
		StoredEvent event = this.log.findEvent(eventId)
			.orElseThrow(() -> ApiProblemException.notFound("event_id", "No event '" + eventId + "'"));
		this.sender.replay(endpoint, List.of(event));
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(new AcceptedView(eventId));
	}

	private WebhookEndpoint endpoint(HttpServletRequest request, String id) {
		return this.endpoints.get(this.context.tenantOf(request), id);
	}

	private DeliveryRecord delivery(WebhookEndpoint endpoint, String eventId) {
		return this.log.findDelivery(endpoint.id(), eventId)
			.orElseThrow(() -> ApiProblemException.notFound("event_id",
					"No event '" + eventId + "' was sent to endpoint '" + endpoint.id() + "'"));
	}

}
