package dev.webhooks.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import dev.webhooks.delivery.DeliveryLog;
import dev.webhooks.delivery.DeliveryLogQuery;
import dev.webhooks.delivery.DeliveryRecord;
import dev.webhooks.delivery.DeliveryStatus;
import dev.webhooks.delivery.EndpointStats;
import dev.webhooks.endpoint.EndpointRepository;
import dev.webhooks.endpoint.WebhookEndpoint;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The {@code webhooks} actuator endpoint: for operators, a summary of every subscriber endpoint across tenants
 * (enabled, or disabled and why; the success rate of the last 24 hours; the backlog; the last error). It shows no
 * secret, no header, no tenant and no URL query string or user-info, which often carry credentials.
 */
@Endpoint(id = "webhooks")
public class WebhooksActuatorEndpoint {

	private static final Duration WINDOW = Duration.ofHours(24);

	private final EndpointRepository endpoints;

	private final DeliveryLog log;

	private final Clock clock;

	/**
	 * Create the endpoint.
	 * @param endpoints the subscriber endpoints
	 * @param log the delivery log
	 * @param clock the clock
	 */
	public WebhooksActuatorEndpoint(EndpointRepository endpoints, DeliveryLog log, Clock clock) {
		this.endpoints = endpoints;
		this.log = log;
		this.clock = clock;
	}

	@ReadOperation
	public WebhooksSummary summary() {
		Instant since = this.clock.instant().minus(WINDOW);
		List<EndpointSummary> summaries = new ArrayList<>();
		for (WebhookEndpoint endpoint : this.endpoints.findAll()) {
			EndpointStats stats = this.log.stats(endpoint.id(), since);
			DeliveryRecord lastFailure = this.log.findDeliveries(endpoint.id(),
					new DeliveryLogQuery(EnumSet.of(DeliveryStatus.FAILED, DeliveryStatus.DEAD), null, null, null, null,
							1))
				.items()
				.stream()
				.findFirst()
				.orElse(null);
			summaries.add(new EndpointSummary(endpoint.id(), withoutQuery(endpoint.url()), endpoint.enabled(),
					endpoint.disabledReason(), stats.successRate(), stats.attempts(), stats.backlog(),
					stats.lastSuccessAt(), (lastFailure != null) ? lastError(lastFailure) : null));
		}
		return new WebhooksSummary(since, summaries);
	}

	private static LastError lastError(DeliveryRecord delivery) {
		return new LastError(delivery.completedAt(), delivery.eventId(), delivery.lastStatusCode(), delivery.lastError());
	}

	/** The URL with its scheme, host, port and path only. */
	static String withoutQuery(String url) {
		try {
			URI uri = new URI(url);
			return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
		}
		catch (URISyntaxException | RuntimeException ex) {
			return "(not a valid URL)";
		}
	}

	/**
	 * What the endpoint shows.
	 *
	 * @param since the start of the statistics window
	 * @param endpoints one summary per subscriber endpoint
	 */
	public record WebhooksSummary(Instant since, List<EndpointSummary> endpoints) {
	}

	/**
	 * One subscriber endpoint.
	 *
	 * @param id the endpoint id
	 * @param url the URL without query string or user-info
	 * @param enabled whether deliveries are made
	 * @param disabledReason why not, or {@code null}
	 * @param successRate the share of attempts answered with a 2xx in the window, {@code null} without attempts
	 * @param attempts the attempts in the window
	 * @param backlog pending deliveries
	 * @param lastSuccessAt when the newest successful delivery ended
	 * @param lastError the newest failed or dead delivery, or {@code null}
	 */
	public record EndpointSummary(String id, String url, boolean enabled, String disabledReason, Double successRate,
			long attempts, long backlog, Instant lastSuccessAt, LastError lastError) {
	}

	/**
	 * The newest failed or dead delivery of an endpoint.
	 *
	 * @param at when it ended
	 * @param eventId its event
	 * @param statusCode its last response status, or {@code null}
	 * @param message its last attempt's error, or {@code null}
	 */
	public record LastError(Instant at, String eventId, Integer statusCode, String message) {
	}

}
