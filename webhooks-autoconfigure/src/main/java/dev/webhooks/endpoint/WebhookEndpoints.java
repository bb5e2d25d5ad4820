package dev.webhooks.endpoint;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import dev.webhooks.event.EventTypeCatalog;
import dev.webhooks.event.EventTypePattern;
import dev.webhooks.event.SortableIdGenerator;
import dev.webhooks.event.filter.InvalidFilterException;
import dev.webhooks.event.filter.PayloadFilter;
import dev.webhooks.signing.Ed25519Key;
import dev.webhooks.signing.WebhookSecret;
import dev.webhooks.urlguard.UnsafeUrlException;
import dev.webhooks.urlguard.UrlGuard;

/**
 * Manages subscriber endpoints: create (with a generated {@code whsec_} secret, handed out once), update,
 * enable, disable, delete, rotate the secret with an overlap during which the old one still signs, and bring the
 * configured endpoints into the store. URLs are checked with the {@link UrlGuard}; subscribed event types against
 * the {@link EventTypeCatalog}. The management REST API calls this service; the publisher finds subscribers with
 * {@link WebhookSubscribers}.
 * <p>
 * Every change is reported to the {@link WebhookSubscribers} lookup, so that a change made through this service
 * is seen by the next publish once its transaction has committed, and a transaction that changed endpoints sees
 * its own changes.
 */
public class WebhookEndpoints {

	/** Prefix of generated endpoint ids. */
	public static final String ID_PREFIX = "ep_";

	/** How long a rotated-out secret keeps signing unless configured otherwise (reference/002). */
	public static final Duration DEFAULT_ROTATION_OVERLAP = Duration.ofHours(24);

	private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

	/** Headers the delivery engine sets; an endpoint may not override them. */
	private static final Set<String> RESERVED_HEADERS = Set.of("webhook-id", "webhook-timestamp",
			"webhook-signature", "svix-id", "svix-timestamp", "svix-signature", "content-type", "content-length",
			"host", "transfer-encoding", "connection");

	private static final int MAX_URL_LENGTH = 2048;

	/** The highest per-endpoint rate limit, in requests per second. */
	public static final int MAX_RATE_LIMIT = 10_000;

	private static final int MAX_SSL_BUNDLE_NAME_LENGTH = 255;

	private final EndpointRepository repository;

	private final WebhookSubscribers subscribers;

	private final UrlGuard urlGuard;

	private final EventTypeCatalog catalog;

	private final boolean strictEventTypes;

	private final Duration rotationOverlap;

	private final SortableIdGenerator ids;

	private final Clock clock;

	private EndpointLimit endpointLimit = EndpointLimit.UNLIMITED;

	/** The limited creates of a tenant take turns, so two cannot both pass the limit. */
	private final TenantTurns tenantTurns = new TenantTurns();

	private Predicate<String> sslBundles = (name) -> false;

	/**
	 * Create the service.
	 * @param repository where endpoints are stored
	 * @param subscribers the subscriber lookup on the same repository, told of every change
	 * @param urlGuard checks URLs on create and update; {@code null} checks only that the URL is an absolute
	 * {@code http(s)} URL with a host, for applications that have not wired a guard
	 * @param catalog the declared event types
	 * @param strictEventTypes whether a subscription must match a declared type
	 * @param rotationOverlap how long a rotated-out secret keeps signing
	 * @param clock the clock
	 */
	public WebhookEndpoints(EndpointRepository repository, WebhookSubscribers subscribers, UrlGuard urlGuard,
			EventTypeCatalog catalog, boolean strictEventTypes, Duration rotationOverlap, Clock clock) {
		this.repository = repository;
		this.subscribers = Objects.requireNonNull(subscribers, "The subscriber lookup must not be null");
		this.urlGuard = urlGuard;
		this.catalog = catalog;
		this.strictEventTypes = strictEventTypes;
		this.rotationOverlap = rotationOverlap;
		this.clock = clock;
		this.ids = new SortableIdGenerator(clock);
	}

	/**
	 * Set how many endpoints a tenant may have; without one there is no limit.
	 * @param endpointLimit the limit
	 */
	public void setEndpointLimit(EndpointLimit endpointLimit) {
		this.endpointLimit = (endpointLimit != null) ? endpointLimit : EndpointLimit.UNLIMITED;
	}

	/**
	 * Set how long a limited create waits for its tenant's turn ({@link TenantTurns}); 10 seconds unless a test
	 * shortens it.
	 * @param wait the longest wait
	 */
	void setTenantTurnWait(Duration wait) {
		this.tenantTurns.setWait(wait);
	}

	/**
	 * Set which SSL bundle names an endpoint may name; without this, none may be named.
	 * @param sslBundles whether a bundle of that name is registered ({@code spring.ssl.bundle.*})
	 */
	public void setSslBundles(Predicate<String> sslBundles) {
		this.sslBundles = (sslBundles != null) ? sslBundles : (name) -> false;
	}

	/**
	 * Create an endpoint with a new secret per signature version: a {@code whsec_} secret for {@code v1}, an
	 * ed25519 key pair for {@code v1a}.
	 * @param tenantId the owning tenant, or {@code null}
	 * @param request the URL, event types, headers, description, enabled flag and signature versions
	 * @return the endpoint and its {@code v1} secret, which is never handed out again (the {@code v1a} private key
	 * is never handed out at all)
	 * @throws UnsafeUrlException when the URL guard refuses the URL
	 * @throws IllegalArgumentException when an event type or header is not valid
	 * @throws InvalidEndpointFieldException when the rate limit, ordering or SSL bundle is not valid
	 * @throws EndpointLimitExceededException when the tenant has as many endpoints as its limit allows
	 * @throws org.springframework.dao.CannotAcquireLockException when the tenant's turn to create did not come
	 * within 10 seconds (another create of it, in a transaction not completed yet, holds it), or on PostgreSQL
	 * when the tenant's lock, held by another instance's create, was not granted within the connection's
	 * {@code lock_timeout}; retrying later is the answer (the management API's 503)
	 */
	public CreatedEndpoint create(String tenantId, EndpointRequest request) {
		Objects.requireNonNull(request.url(), "An endpoint needs a URL");
		checkUrl(request.url());
		List<String> eventTypes = checkEventTypes(orEmpty(request.eventTypes()), this.strictEventTypes);
		Map<String, String> headers = checkHeaders(request.headers());
		Integer rateLimit = checkRateLimit(request.rateLimit());
		String sslBundle = checkSslBundle(request.sslBundle());
		List<String> versions = (request.signatureVersions() != null)
				? SignatureVersions.check(request.signatureVersions()) : SignatureVersions.DEFAULT;
		WebhookSecret secret = null;
		List<EndpointSecret> secrets = new ArrayList<>();
		for (String version : versions) {
			WebhookSecret made = SignatureVersions.generate(version);
			secret = SignatureVersions.V1.equals(version) ? made : secret;
			secrets.add(new EndpointSecret(made, null));
		}
		Instant now = this.clock.instant();
		boolean enabled = request.enabled() == null || request.enabled();
		WebhookEndpoint endpoint = new WebhookEndpoint(this.ids.nextId(ID_PREFIX), tenantId, request.url(),
				request.description(), eventTypes, headers, List.copyOf(secrets), enabled, null, now, now,
				nonEmpty(request.filter()), request.ordering(), rateLimit, sslBundle);
		insertWithinLimit(endpoint);
		this.subscribers.endpointsChanged();
		return new CreatedEndpoint(endpoint, secret);
	}

	/**
	 * Change an endpoint; {@code null} fields of the request stay as they are.
	 * @param tenantId the caller's tenant, or {@code null}
	 * @param id the endpoint id
	 * @param request the changes
	 * @return the endpoint as changed
	 * @throws EndpointNotFoundException when the tenant has no such endpoint
	 */
	public WebhookEndpoint update(String tenantId, String id, EndpointRequest request) {
		return change(tenantId, id, request).endpoint();
	}

	/**
	 * Change an endpoint as {@link #update} does, handing out the {@code v1} secret made when the change adds
	 * {@code v1} to its signature versions. A version the change drops keeps signing for the rotation overlap, so
	 * receivers can move at their own pace.
	 * @param tenantId the caller's tenant, or {@code null}
	 * @param id the endpoint id
	 * @param request the changes
	 * @return the endpoint as changed, and the new {@code v1} secret or {@code null}
	 * @throws EndpointNotFoundException when the tenant has no such endpoint
	 */
	public CreatedEndpoint change(String tenantId, String id, EndpointRequest request) {
		WebhookEndpoint current = get(tenantId, id);
		String url = current.url();
		if (request.url() != null && !request.url().equals(current.url())) {
			checkUrl(request.url());
			url = request.url();
		}
		List<String> eventTypes = (request.eventTypes() != null)
				? checkEventTypes(request.eventTypes(), this.strictEventTypes) : current.eventTypes();
		Map<String, String> headers = (request.headers() != null) ? checkHeaders(request.headers())
				: current.headers();
		String description = (request.description() != null) ? request.description() : current.description();
		boolean enabled = (request.enabled() != null) ? request.enabled() : current.enabled();
		String disabledReason = enabled ? null
				: (current.enabled() ? "Disabled by an update" : current.disabledReason());
		PayloadFilter filter = (request.filter() != null) ? nonEmpty(request.filter()) : current.filter();
		EndpointOrdering ordering = (request.ordering() != null) ? request.ordering() : current.ordering();
		Integer rateLimit = (request.rateLimit() != null) ? checkRateLimit(request.rateLimit()) : current.rateLimit();
		String sslBundle = (request.sslBundle() != null) ? checkSslBundle(request.sslBundle()) : current.sslBundle();
		Instant now = this.clock.instant();
		List<EndpointSecret> secrets = current.secrets();
		WebhookSecret newSecret = null;
		if (request.signatureVersions() != null) {
			List<String> versions = SignatureVersions.check(request.signatureVersions());
			SignatureVersions.Change change = SignatureVersions.change(secrets, versions, now,
					now.plus(this.rotationOverlap));
			secrets = change.secrets();
			newSecret = change.newV1Secret();
		}
		WebhookEndpoint updated = new WebhookEndpoint(current.id(), current.tenantId(), url, description, eventTypes,
				headers, secrets, enabled, disabledReason, current.createdAt(), now, filter, ordering, rateLimit,
				sslBundle);
		this.repository.save(updated);
		this.subscribers.endpointsChanged();
		return new CreatedEndpoint(updated, newSecret);
	}

	/**
	 * Stop deliveries to an endpoint; pending ones wait until it is enabled again.
	 * @param tenantId the caller's tenant, or {@code null}
	 * @param id the endpoint id
	 * @param reason why, kept with the endpoint
	 * @return the endpoint as changed
	 */
	public WebhookEndpoint disable(String tenantId, String id, String reason) {
		WebhookEndpoint current = get(tenantId, id);
		WebhookEndpoint disabled = withState(current, false, (reason != null) ? reason : "Disabled");
		this.repository.save(disabled);
		this.subscribers.endpointsChanged();
		return disabled;
	}

	/**
	 * Resume deliveries to an endpoint.
	 * @param tenantId the caller's tenant, or {@code null}
	 * @param id the endpoint id
	 * @return the endpoint as changed
	 */
	public WebhookEndpoint enable(String tenantId, String id) {
		WebhookEndpoint enabled = withState(get(tenantId, id), true, null);
		this.repository.save(enabled);
		this.subscribers.endpointsChanged();
		return enabled;
	}

	/**
	 * Delete an endpoint.
	 * @param tenantId the caller's tenant, or {@code null}
	 * @param id the endpoint id
	 * @throws EndpointNotFoundException when the tenant has no such endpoint
	 */
	public void delete(String tenantId, String id) {
		get(tenantId, id);
		this.repository.delete(id);
		this.subscribers.endpointsChanged();
	}

	/**
	 * Make a new secret current; the old current one keeps signing for the rotation overlap, so receivers can
	 * deploy the new one at their own pace. Secrets that already expired are dropped.
	 * @param tenantId the caller's tenant, or {@code null}
	 * @param id the endpoint id
	 * @return the endpoint and its new secret, which is never handed out again
	 */
	public CreatedEndpoint rotateSecret(String tenantId, String id) {
		return rotateSecret(tenantId, id, this.rotationOverlap);
	}

	/**
	 * Make a new secret current; the old current one keeps signing for the given overlap.
	 * @param tenantId the caller's tenant, or {@code null}
	 * @param id the endpoint id
	 * @param overlap how long the old secret keeps signing beside the new one; zero stops it at once
	 * @return the endpoint and its new secret, which is never handed out again
	 */
	public CreatedEndpoint rotateSecret(String tenantId, String id, Duration overlap) {
		WebhookEndpoint rotated = rotate(tenantId, id, overlap, SignatureVersions.V1);
		return new CreatedEndpoint(rotated, rotated.secrets().get(0).secret());
	}

	/**
	 * Make a new ed25519 key pair current for {@code v1a}; the old key keeps signing for the rotation overlap.
	 * @param tenantId the caller's tenant, or {@code null}
	 * @param id the endpoint id
	 * @return the endpoint, whose {@link WebhookEndpoint#publicKey()} is the new public key
	 */
	public WebhookEndpoint rotateSigningKey(String tenantId, String id) {
		return rotateSigningKey(tenantId, id, this.rotationOverlap);
	}

	/**
	 * Make a new ed25519 key pair current for {@code v1a}; the old key keeps signing for the given overlap.
	 * @param tenantId the caller's tenant, or {@code null}
	 * @param id the endpoint id
	 * @param overlap how long the old key keeps signing beside the new one; zero stops it at once
	 * @return the endpoint, whose {@link WebhookEndpoint#publicKey()} is the new public key
	 */
	public WebhookEndpoint rotateSigningKey(String tenantId, String id, Duration overlap) {
		return rotate(tenantId, id, overlap, SignatureVersions.V1A);
	}

	/**
	 * A new current credential of one version, first in the list; the valid ones of that version expire at the
	 * end of the overlap, those of the other version are kept as they are, expired ones are dropped. Rotating a
	 * version the endpoint does not sign adds it.
	 */
	private WebhookEndpoint rotate(String tenantId, String id, Duration overlap, String version) {
		WebhookEndpoint current = get(tenantId, id);
		Instant now = this.clock.instant();
		Instant expiry = now.plus(overlap);
		List<EndpointSecret> secrets = new ArrayList<>();
		secrets.add(new EndpointSecret(SignatureVersions.generate(version), null));
		for (EndpointSecret old : current.secrets()) {
			if (!old.isValidAt(now)) {
				continue;
			}
			if (!version.equals(SignatureVersions.versionOf(old.secret()))) {
				secrets.add(old);
				continue;
			}
			Instant expiresAt = (old.expiresAt() == null || old.expiresAt().isAfter(expiry)) ? expiry
					: old.expiresAt();
			secrets.add(new EndpointSecret(old.secret(), expiresAt));
		}
		WebhookEndpoint rotated = new WebhookEndpoint(current.id(), current.tenantId(), current.url(),
				current.description(), current.eventTypes(), current.headers(), List.copyOf(secrets),
				current.enabled(), current.disabledReason(), current.createdAt(), now, current.filter(),
				current.ordering(), current.rateLimit(), current.sslBundle());
		this.repository.save(rotated);
		this.subscribers.endpointsChanged();
		return rotated;
	}

	/**
	 * One endpoint of a tenant.
	 * @param tenantId the caller's tenant, or {@code null}
	 * @param id the endpoint id
	 * @return the endpoint
	 * @throws EndpointNotFoundException when the tenant has no such endpoint
	 */
	public WebhookEndpoint get(String tenantId, String id) {
		return this.repository.findById(id)
			.filter((endpoint) -> Objects.equals(endpoint.tenantId(), tenantId))
			.orElseThrow(() -> new EndpointNotFoundException(id));
	}

	/**
	 * The endpoints of a tenant.
	 * @param tenantId the tenant, or {@code null} for the endpoints of no tenant
	 * @return the endpoints, oldest first
	 */
	public List<WebhookEndpoint> list(String tenantId) {
		return this.repository.findByTenant(tenantId);
	}

	/**
	 * Bring a configured endpoint into the store: created under its configured id, or replaced by its
	 * configured state. With no configured secret the stored ones are kept, or one is generated the first time.
	 * @param definition the configured endpoint
	 * @return the endpoint as stored
	 */
	public WebhookEndpoint upsertStatic(StaticEndpoint definition) {
		if (definition.id() == null || definition.id().isBlank()) {
			throw new IllegalArgumentException("A configured webhook endpoint needs an id (webhooks.endpoints[n].id)");
		}
		if (definition.url() == null || definition.url().isBlank()) {
			throw new IllegalArgumentException("Webhook endpoint '" + definition.id() + "' needs a url");
		}
		try {
			checkUrl(definition.url());
		}
		catch (UnsafeUrlException ex) {
			throw new UnsafeUrlException("Webhook endpoint '" + definition.id() + "': " + ex.getMessage());
		}
		List<String> eventTypes = checkEventTypes(orEmpty(definition.eventTypes()), false);
		Map<String, String> headers = checkHeaders(definition.headers());
		PayloadFilter filter;
		Integer rateLimit;
		String sslBundle;
		try {
			filter = (definition.filter() != null && !definition.filter().isBlank())
					? nonEmpty(PayloadFilter.parse(definition.filter())) : null;
			// configuration has no "none" value to send: a limit that is there must be a limit
			rateLimit = (definition.rateLimit() != null) ? checkRateLimit(definition.rateLimit(), false) : null;
			sslBundle = (definition.sslBundle() != null) ? checkSslBundle(definition.sslBundle()) : null;
		}
		catch (InvalidFilterException ex) {
			throw new IllegalArgumentException("Webhook endpoint '" + definition.id() + "': " + ex.getField()
					+ " (webhooks.endpoints[n].filter): " + ex.getMessage(), ex);
		}
		catch (InvalidEndpointFieldException ex) {
			throw new IllegalArgumentException("Webhook endpoint '" + definition.id() + "' (webhooks.endpoints[n]."
					+ ex.getField().replace('_', '-') + "): " + ex.getMessage(), ex);
		}
		Instant now = this.clock.instant();
		WebhookEndpoint existing = this.repository.findById(definition.id()).orElse(null);
		if (existing == null || !Objects.equals(existing.tenantId(), definition.tenantId())) {
			try {
				checkLimit(definition.tenantId());
			}
			catch (EndpointLimitExceededException ex) {
				throw new IllegalStateException("Webhook endpoint '" + definition.id() + "': " + ex.getMessage(), ex);
			}
		}
		List<EndpointSecret> secrets = StaticEndpointSecrets.of(definition, existing);
		WebhookEndpoint endpoint = new WebhookEndpoint(definition.id(), definition.tenantId(), definition.url(),
				definition.description(), eventTypes, headers, secrets, definition.enabled(),
				definition.enabled() ? null : "Disabled in configuration",
				(existing != null) ? existing.createdAt() : now, now, filter, definition.ordering(), rateLimit,
				sslBundle);
		this.repository.save(endpoint);
		this.subscribers.endpointsChanged();
		return endpoint;
	}

	/**
	 * Read a configured secret: a Standard Webhooks {@code whsec_} secret, an ed25519 private key {@code whsk_}
	 * ({@code v1a}), or any other text used as the key itself (for {@code t=…,v1=…} schemes).
	 * @param text the secret text
	 * @return the secret
	 */
	public static WebhookSecret parseSecret(String text) {
		String stripped = (text != null) ? text.strip() : "";
		boolean standard = stripped.startsWith(WebhookSecret.PREFIX)
				|| stripped.startsWith(Ed25519Key.PRIVATE_PREFIX) || stripped.startsWith(Ed25519Key.PUBLIC_PREFIX);
		return standard ? WebhookSecret.parse(text) : WebhookSecret.ofText(text);
	}

	private WebhookEndpoint withState(WebhookEndpoint current, boolean enabled, String reason) {
		return new WebhookEndpoint(current.id(), current.tenantId(), current.url(), current.description(),
				current.eventTypes(), current.headers(), current.secrets(), enabled, reason, current.createdAt(),
				this.clock.instant(), current.filter(), current.ordering(), current.rateLimit(), current.sslBundle());
	}

	/**
	 * Insert a created endpoint within its tenant's limit. The creates of one tenant take turns in this process,
	 * a turn lasting until the caller's transaction completes ({@link TenantTurns}); the repository makes the count
	 * and the insert one step across instances (the JDBC store with a lock in PostgreSQL).
	 */
	private void insertWithinLimit(WebhookEndpoint endpoint) {
		String tenantId = endpoint.tenantId();
		int limit = this.endpointLimit.maxEndpoints(tenantId);
		if (limit <= 0) {
			this.repository.save(endpoint);
			return;
		}
		this.tenantTurns.inTurn(tenantId, () -> {
			if (!this.repository.insertWithinLimit(endpoint, limit)) {
				throw new EndpointLimitExceededException(tenantId, limit);
			}
		});
	}

	/**
	 * The limit of a configured endpoint, brought in at start-up by one thread: a count, no lock.
	 */
	private void checkLimit(String tenantId) {
		int limit = this.endpointLimit.maxEndpoints(tenantId);
		if (limit > 0 && this.repository.findByTenant(tenantId).size() >= limit) {
			throw new EndpointLimitExceededException(tenantId, limit);
		}
	}

	private void checkUrl(String url) {
		if (url.length() > MAX_URL_LENGTH) {
			throw new UnsafeUrlException("The URL is longer than " + MAX_URL_LENGTH + " characters");
		}
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			throw new UnsafeUrlException("'" + url + "' is not a valid URL: " + ex.getReason());
		}
		if (this.urlGuard != null) {
			this.urlGuard.checkUrl(uri);
			return;
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
			throw new UnsafeUrlException("'" + url + "' is not an absolute http(s) URL with a host");
		}
	}

	private List<String> checkEventTypes(List<String> patterns, boolean strict) {
		List<String> checked = new ArrayList<>();
		for (String text : patterns) {
			EventTypePattern pattern = EventTypePattern.of(text);
			if (strict && !this.catalog.matchesAny(pattern)) {
				throw new IllegalArgumentException("Event type '" + text + "' matches no declared event type");
			}
			checked.add(pattern.toString());
		}
		return List.copyOf(checked);
	}

	private static Map<String, String> checkHeaders(Map<String, String> headers) {
		if (headers == null || headers.isEmpty()) {
			return Map.of();
		}
		Map<String, String> checked = new LinkedHashMap<>();
		headers.forEach((name, value) -> {
			if (name == null || !HEADER_NAME.matcher(name).matches()) {
				throw new IllegalArgumentException("'" + name + "' is not a valid HTTP header name");
			}
			if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
				throw new IllegalArgumentException("Header '" + name + "' is set by the delivery itself and cannot "
						+ "be a custom header");
			}
			if (value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
				throw new IllegalArgumentException("Header '" + name + "' needs a value on one line");
			}
			checked.put(name, value);
		});
		return Collections.unmodifiableMap(checked);
	}

	/** The empty document lets every event through: it is kept as no filter at all. */
	private static PayloadFilter nonEmpty(PayloadFilter filter) {
		return (filter != null && !filter.isEmpty()) ? filter : null;
	}

	/** A limit of {@link EndpointRequest#NO_RATE_LIMIT} is no limit. */
	private static Integer checkRateLimit(Integer rateLimit) {
		return checkRateLimit(rateLimit, true);
	}

	private static Integer checkRateLimit(Integer rateLimit, boolean noneAllowed) {
		if (rateLimit == null || (noneAllowed && rateLimit == EndpointRequest.NO_RATE_LIMIT)) {
			return null;
		}
		if (rateLimit < 1 || rateLimit > MAX_RATE_LIMIT) {
			throw new InvalidEndpointFieldException("rate_limit", "range",
					"'rate_limit' must be between 1 and " + MAX_RATE_LIMIT + " requests per second, or null for none");
		}
		return rateLimit;
	}

	/** An empty name is no bundle; any other must be registered with the application's SSL bundles. */
	private String checkSslBundle(String name) {
		if (name == null || name.isEmpty()) {
			return null;
		}
		if (name.length() > MAX_SSL_BUNDLE_NAME_LENGTH || !this.sslBundles.test(name)) {
			throw new InvalidEndpointFieldException("ssl_bundle", "unknown-ssl-bundle", "'ssl_bundle' names no SSL "
					+ "bundle of the application (spring.ssl.bundle.*)");
		}
		return name;
	}

	private static <T> List<T> orEmpty(List<T> list) {
		return (list != null) ? list : List.of();
	}

}
