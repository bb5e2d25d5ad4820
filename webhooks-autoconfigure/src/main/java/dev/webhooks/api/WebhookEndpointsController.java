package dev.webhooks.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;

import dev.webhooks.api.ApiRequests.EndpointBody;
import dev.webhooks.api.ApiRequests.RecoverBody;
import dev.webhooks.api.ApiRequests.RotateSecretBody;
import dev.webhooks.api.ApiRequests.TestEventBody;
import dev.webhooks.api.ApiResponses.AcceptedView;
import dev.webhooks.api.ApiResponses.EndpointView;
import dev.webhooks.api.ApiResponses.PageView;
import dev.webhooks.api.ApiResponses.RecoveredView;
import dev.webhooks.api.ApiResponses.RotatedKeyView;
import dev.webhooks.api.ApiResponses.RotatedSecretView;
import dev.webhooks.api.ApiResponses.StatsView;
import dev.webhooks.delivery.DeliveryLog;
import dev.webhooks.delivery.DeliveryLogPage;
import dev.webhooks.delivery.DeliveryLogQuery;
import dev.webhooks.delivery.DeliveryLogQuery.Position;
import dev.webhooks.endpoint.CreatedEndpoint;
import dev.webhooks.endpoint.EndpointOrdering;
import dev.webhooks.endpoint.EndpointRequest;
import dev.webhooks.endpoint.EndpointSecret;
import dev.webhooks.endpoint.WebhookEndpoint;
import dev.webhooks.endpoint.WebhookEndpoints;
import dev.webhooks.event.EventTypeCatalog;
import dev.webhooks.event.EventTypeDefinition;
import dev.webhooks.event.EventTypes;
import dev.webhooks.event.filter.PayloadFilter;
import dev.webhooks.publish.EndpointDeliveries;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The endpoint calls of the management API: create, list, read, change, delete, rotate the secret, send a test
 * event, recover failed deliveries, statistics. Each call acts on the caller's tenant's endpoints only; another
 * tenant's endpoint is answered with 404, as an unknown one is.
 */
@RestController
@RequestMapping(path = "${webhooks.api.base-path:/v1/webhooks}", produces = "application/json")
public class WebhookEndpointsController {

	private static final Duration MAX_GRACE_PERIOD = Duration.ofDays(7);

	private final WebhookEndpoints endpoints;

	private final DeliveryLog log;

	private final EndpointDeliveries sender;

	private final EventTypeCatalog catalog;

	private final ApiContext context;

	private final TransactionOperations transactions;

	/**
	 * Create the controller.
	 * @param endpoints the endpoint service
	 * @param log the delivery log
	 * @param sender sends test events and replays
	 * @param catalog the event-type catalog
	 * @param context tenancy, limits, paging and body reading
	 * @param transactions a template on the store's data source, so a delete and the cancellation of its pending
	 * deliveries commit together
	 */
	public WebhookEndpointsController(WebhookEndpoints endpoints, DeliveryLog log, EndpointDeliveries sender,
			EventTypeCatalog catalog, ApiContext context, TransactionOperations transactions) {
		this.endpoints = endpoints;
		this.log = log;
		this.sender = sender;
		this.catalog = catalog;
		this.context = context;
		this.transactions = transactions;
	}

	@PostMapping
	public ResponseEntity<EndpointView> create(HttpServletRequest request) {
		String tenant = this.context.tenantOf(request);
		EndpointBody body = this.context.reader().read(request, EndpointBody.class, null);
		if (body.url() == null) {
			throw ApiProblemException.invalid("url", "required", "'url' is required");
		}
		// the service enforces the tenant's endpoint limit (409 max-endpoints, from EndpointProblems)
		CreatedEndpoint created = EndpointProblems.translate(() -> this.endpoints.create(tenant, toRequest(body)));
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(EndpointView.of(created.endpoint(), revealed(created)));
	}

	@GetMapping
	public PageView<EndpointView> list(HttpServletRequest request, @RequestParam(required = false) String limit,
			@RequestParam(required = false) String cursor) {
		String tenant = this.context.tenantOf(request);
		DeliveryLogQuery query = this.context.paging().query(limit, cursor);
		DeliveryLogPage<WebhookEndpoint> page = this.context.paging()
			.page(query, this.endpoints.list(tenant), WebhookEndpoint::createdAt, WebhookEndpoint::id);
		return this.context.paging().view(query, page, (endpoint) -> new Position(endpoint.createdAt(),
				endpoint.id(), false), (endpoint) -> EndpointView.of(endpoint, null));
	}

	@GetMapping("/{id}")
	public EndpointView get(HttpServletRequest request, @PathVariable String id) {
		return EndpointView.of(endpoint(request, id), null);
	}

	@PatchMapping("/{id}")
	public EndpointView update(HttpServletRequest request, @PathVariable String id) {
		String tenant = this.context.tenantOf(request);
		EndpointBody body = this.context.reader().read(request, EndpointBody.class, EndpointBody.EMPTY);
		CreatedEndpoint updated = EndpointProblems.translate(() -> this.endpoints.change(tenant, id, toRequest(body)));
		return EndpointView.of(updated.endpoint(), revealed(updated));
	}

	@DeleteMapping("/{id}")
	public ResponseEntity<Void> delete(HttpServletRequest request, @PathVariable String id) {
		String tenant = this.context.tenantOf(request);
		this.transactions.executeWithoutResult((status) -> {
			this.endpoints.delete(tenant, id);
			this.log.cancelPending(id, this.context.clock().instant());
		});
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{id}/rotate-secret")
	public RotatedSecretView rotateSecret(HttpServletRequest request, @PathVariable String id) {
		String tenant = this.context.tenantOf(request);
		Duration grace = gracePeriod(request);
		CreatedEndpoint rotated = this.endpoints.rotateSecret(tenant, id, grace);
		return new RotatedSecretView(id, rotated.secret().reveal(), previousExpiry(rotated.endpoint(), false));
	}

	@PostMapping("/{id}/rotate-signing-key")
	public RotatedKeyView rotateSigningKey(HttpServletRequest request, @PathVariable String id) {
		String tenant = this.context.tenantOf(request);
		Duration grace = gracePeriod(request);
		WebhookEndpoint rotated = this.endpoints.rotateSigningKey(tenant, id, grace);
		return new RotatedKeyView(id, rotated.publicKey(), previousExpiry(rotated, true));
	}

	private Duration gracePeriod(HttpServletRequest request) {
		RotateSecretBody body = this.context.reader().read(request, RotateSecretBody.class, RotateSecretBody.EMPTY);
		if (body.gracePeriodSeconds() == null) {
			return this.context.defaultGracePeriod();
		}
		if (body.gracePeriodSeconds() < 0 || body.gracePeriodSeconds() > MAX_GRACE_PERIOD.toSeconds()) {
			throw ApiProblemException.invalid("grace_period_seconds", "range",
					"'grace_period_seconds' must be between 0 and " + MAX_GRACE_PERIOD.toSeconds() + " (7 days)");
		}
		return Duration.ofSeconds(body.gracePeriodSeconds());
	}

	/** The latest expiry of the rotated-out credentials of one kind (the new one is first and does not expire). */
	private static Instant previousExpiry(WebhookEndpoint endpoint, boolean ed25519) {
		return endpoint.secrets().stream().skip(1)
			.filter((secret) -> secret.secret().isEd25519() == ed25519)
			.map(EndpointSecret::expiresAt)
			.filter(Objects::nonNull).max(Instant::compareTo).orElse(null);
	}

	private static String revealed(CreatedEndpoint created) {
		return (created.secret() != null) ? created.secret().reveal() : null;
	}

	@PostMapping("/{id}/test")
	public ResponseEntity<AcceptedView> test(HttpServletRequest request, @PathVariable String id) {
		WebhookEndpoint endpoint = endpoint(request, id);
		TestEventBody body = this.context.reader().read(request, TestEventBody.class, TestEventBody.EMPTY);
		String type = (body.eventType() != null) ? body.eventType() : this.context.testEventType();
		try {
			EventTypes.requireValid(type);
		}
		catch (IllegalArgumentException ex) {
			throw ApiProblemException.invalid("event_type", "invalid-event-type", ex.getMessage());
		}
		EventTypeDefinition definition = this.catalog.find(type)
			.orElseThrow(() -> ApiProblemException.invalid("event_type", "unknown-event-type",
					"'" + type + "' is not an event type of the catalog"));
		if (!endpoint.enabled()) {
			throw new ApiProblemException(HttpStatus.CONFLICT, null, "endpoint-disabled",
					"The endpoint is disabled; enable it to send it events");
		}
		JsonNode payload = body.payload();
		Object data = (payload != null && !payload.isNull()) ? payload : definition.example();
		String eventId = this.sender.sendEvent(endpoint, type, data, "Test event " + type);
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(new AcceptedView(eventId));
	}

	@PostMapping("/{id}/recover")
	public ResponseEntity<RecoveredView> recover(HttpServletRequest request, @PathVariable String id) {
		WebhookEndpoint endpoint = endpoint(request, id);
		RecoverBody body = this.context.reader().read(request, RecoverBody.class, null);
		if (body.since() == null) {
			throw ApiProblemException.invalid("since", "required", "'since' is required");
		}
		if (body.since().isAfter(this.context.clock().instant())) {
			throw ApiProblemException.invalid("since", "in-the-future", "'since' must not be in the future");
		}
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.body(new RecoveredView(this.sender.recover(endpoint, body.since())));
	}

	@GetMapping("/{id}/stats")
	public StatsView stats(HttpServletRequest request, @PathVariable String id) {
		WebhookEndpoint endpoint = endpoint(request, id);
		Instant since = this.context.clock().instant().minus(Duration.ofHours(24));
		return StatsView.of(endpoint, this.log.stats(endpoint.id(), since), this.log.waiting(endpoint.id()));
	}

	private WebhookEndpoint endpoint(HttpServletRequest request, String id) {
		return this.endpoints.get(this.context.tenantOf(request), id);
	}

	private static EndpointRequest toRequest(EndpointBody body) {
		return new EndpointRequest(body.url(), body.description(), body.events(), body.headers(), body.enabled(),
				filter(body.filter()), (body.ordering() != null) ? EndpointOrdering.fromApiName(body.ordering()) : null,
				rateLimit(body.rateLimit()), sslBundle(body.sslBundle()),
				body.signatureVersions());
	}

	/** Absent keeps the filter, JSON {@code null} removes it (the empty document is no filter). */
	private static PayloadFilter filter(JsonNode filter) {
		if (filter == null) {
			return null;
		}
		return filter.isNull() ? PayloadFilter.parse("{}") : PayloadFilter.of(filter);
	}

	/** Absent keeps the limit, JSON {@code null} removes it; a number must be a positive whole number. */
	private static Integer rateLimit(JsonNode rateLimit) {
		if (rateLimit == null) {
			return null;
		}
		if (rateLimit.isNull()) {
			return EndpointRequest.NO_RATE_LIMIT;
		}
		if (!rateLimit.isIntegralNumber()) {
			throw ApiProblemException.badRequest("rate_limit", "wrong-type", "'rate_limit' has the wrong JSON type");
		}
		if (!rateLimit.canConvertToInt() || rateLimit.intValue() < 1
				|| rateLimit.intValue() > WebhookEndpoints.MAX_RATE_LIMIT) {
			throw ApiProblemException.invalid("rate_limit", "range", "'rate_limit' must be between 1 and "
					+ WebhookEndpoints.MAX_RATE_LIMIT + " requests per second, or null for none");
		}
		return rateLimit.intValue();
	}

	/** Absent keeps the bundle, JSON {@code null} removes it. */
	private static String sslBundle(JsonNode sslBundle) {
		if (sslBundle == null) {
			return null;
		}
		if (sslBundle.isNull()) {
			return "";
		}
		if (!sslBundle.isString()) {
			throw ApiProblemException.badRequest("ssl_bundle", "wrong-type", "'ssl_bundle' has the wrong JSON type");
		}
		if (sslBundle.stringValue().isEmpty()) {
			throw ApiProblemException.invalid("ssl_bundle", "required", "'ssl_bundle' must name an SSL bundle, or "
					+ "be null for none");
		}
		return sslBundle.stringValue();
	}

}
