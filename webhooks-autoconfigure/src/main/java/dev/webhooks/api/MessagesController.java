package dev.webhooks.api;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;

import dev.webhooks.api.ApiResponses.AttemptView;
import dev.webhooks.api.ApiResponses.MessageView;
import dev.webhooks.api.ApiResponses.PageView;
import dev.webhooks.delivery.DeliveryLog;
import dev.webhooks.delivery.DeliveryLogQuery;
import dev.webhooks.delivery.DeliveryLogQuery.Position;
import dev.webhooks.delivery.StoredEvent;
import dev.webhooks.endpoint.EndpointNotFoundException;
import dev.webhooks.endpoint.WebhookEndpoint;
import dev.webhooks.endpoint.WebhookEndpoints;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The tenant's messages in the management API (reference/003 {@code GET /webhooks/messages}): its recent events
 * across all its endpoints, each with its per-endpoint delivery status, and every attempt of one event.
 */
@RestController
@RequestMapping(path = "${webhooks.api.base-path:/v1/webhooks}/messages", produces = "application/json")
public class MessagesController {

	private final WebhookEndpoints endpoints;

	private final DeliveryLog log;

	private final AttemptViews attempts;

	private final ApiContext context;

	/**
	 * Create the controller.
	 * @param endpoints the endpoint service
	 * @param log the delivery log
	 * @param attempts the views of attempts
	 * @param context tenancy and paging
	 */
	public MessagesController(WebhookEndpoints endpoints, DeliveryLog log, AttemptViews attempts,
			ApiContext context) {
		this.endpoints = endpoints;
		this.log = log;
		this.attempts = attempts;
		this.context = context;
	}

	@GetMapping
	public PageView<MessageView> list(HttpServletRequest request, @RequestParam(required = false) String limit,
			@RequestParam(required = false) String cursor, @RequestParam(required = false) String status,
			@RequestParam(name = "event_type", required = false) String eventType,
			@RequestParam(required = false) String since, @RequestParam(required = false) String until) {
		String tenant = this.context.tenantOf(request);
		DeliveryLogQuery query = this.context.paging().query(limit, cursor, status, eventType, since, until);
		return this.context.paging().view(query, this.log.findMessages(tenant, query),
				(message) -> new Position(message.createdAt(), message.eventId(), false), MessageView::of);
	}

	@GetMapping("/{eventId}/attempts")
	public PageView<AttemptView> attempts(HttpServletRequest request, @PathVariable String eventId) {
		String tenant = this.context.tenantOf(request);
		StoredEvent event = this.log.findEvent(eventId)
			.filter((found) -> Objects.equals(found.tenantId(), tenant))
			.orElseThrow(() -> ApiProblemException.notFound("event_id", "No event '" + eventId + "'"));
		Map<String, WebhookEndpoint> endpoints = new HashMap<>();
		return this.attempts.newestFirst(this.log.findAttemptsOfEvent(eventId),
				(attempt) -> endpoints.computeIfAbsent(attempt.endpointId(), (id) -> endpointOrNull(tenant, id)),
				event);
	}

	private WebhookEndpoint endpointOrNull(String tenant, String id) {
		try {
			return this.endpoints.get(tenant, id);
		}
		catch (EndpointNotFoundException ex) {
			return null;
		}
	}

}
