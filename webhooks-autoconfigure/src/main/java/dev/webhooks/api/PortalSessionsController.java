package dev.webhooks.api;

import java.time.Duration;
import java.time.Instant;

import jakarta.servlet.http.HttpServletRequest;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Portal links in the management API: {@code POST {base}/portal-sessions}, as the tenant, answers a link that
 * opens the event-log page for that tenant, once, for {@code ttl_seconds} (at most
 * {@code webhooks.dashboard.session-ttl}). A request that a portal session itself authenticates cannot make
 * links, so a session cannot outlive its expiry by making itself new ones. The exchange and logout are answered by
 * the {@link PortalSessionFilter}.
 */
@RestController
@RequestMapping(path = "${webhooks.api.base-path:/v1/webhooks}/portal-sessions", produces = "application/json")
public class PortalSessionsController {

	private final WebhookPortal portal;

	private final ApiContext context;

	/**
	 * Create the controller.
	 * @param portal makes the links
	 * @param context tenancy and body reading
	 */
	public PortalSessionsController(WebhookPortal portal, ApiContext context) {
		this.portal = portal;
		this.context = context;
	}

	@PostMapping
	public ResponseEntity<PortalLinkView> create(HttpServletRequest request) {
		String tenant = this.context.tenantOf(request);
		if (tenant == null) {
			throw new ApiProblemException(HttpStatus.CONFLICT, null, "single-tenant",
					"A single-tenant API has no tenants to make portal links for");
		}
		if (request.getAttribute(PortalSessionFilter.TENANT_ATTRIBUTE) != null) {
			throw new ApiProblemException(HttpStatus.FORBIDDEN, null, "portal-session",
					"A portal session cannot make portal links");
		}
		CreateBody body = this.context.reader().read(request, CreateBody.class, new CreateBody(null));
		Duration ttl = this.portal.maxTtl();
		if (body.ttlSeconds() != null) {
			if (body.ttlSeconds() < 1 || body.ttlSeconds() > this.portal.maxTtl().toSeconds()) {
				throw ApiProblemException.invalid("ttl_seconds", "out-of-range", "ttl_seconds must be 1 to "
						+ this.portal.maxTtl().toSeconds() + " (webhooks.dashboard.session-ttl)");
			}
			ttl = Duration.ofSeconds(body.ttlSeconds());
		}
		String origin = ServletUriComponentsBuilder.fromContextPath(request).replacePath(null).replaceQuery(null)
			.build()
			.toUriString();
		PortalLink link = this.portal.createLink(tenant, ttl).withOrigin(origin);
		return ResponseEntity.status(HttpStatus.CREATED)
			.header("Cache-Control", "no-store")
			.body(new PortalLinkView(link.url(), link.expiresAt()));
	}

	/**
	 * The body of a link request.
	 *
	 * @param ttlSeconds how long the link lasts; absent for webhooks.dashboard.session-ttl
	 */
	public record CreateBody(Long ttlSeconds) {
	}

	/**
	 * A portal link, shown this once.
	 *
	 * @param url the absolute link, with its token in the fragment
	 * @param expiresAt when it, and the session it opens, end
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record PortalLinkView(String url, Instant expiresAt) {

		@Override
		public String toString() {
			return "PortalLinkView[expiresAt=" + this.expiresAt + "]";
		}

	}

}
