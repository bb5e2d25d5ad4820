package dev.webhooks.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.webhooks.endpoint.EndpointOrdering;
import dev.webhooks.event.EnvelopeField;
import dev.webhooks.event.SchemaValidationMode;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of publishing ({@code webhooks.*}): the configured endpoints, the event-type catalog, the
 * publisher, the envelope and secret rotation.
 */
@ConfigurationProperties("webhooks")
public class WebhooksProperties {

	/**
	 * Endpoints declared in configuration, kept in the store under their ids and brought back to this state at
	 * every start.
	 */
	private List<Endpoint> endpoints = new ArrayList<>();

	/**
	 * The event types the application publishes, with a description and an example payload each. Types named
	 * by @WebhookEvent annotations are added to them.
	 */
	private List<EventType> eventTypes = new ArrayList<>();

	private final Publisher publisher = new Publisher();

	private final Envelope envelope = new Envelope();

	private final Secrets secrets = new Secrets();

	public List<Endpoint> getEndpoints() {
		return this.endpoints;
	}

	public void setEndpoints(List<Endpoint> endpoints) {
		this.endpoints = endpoints;
	}

	public List<EventType> getEventTypes() {
		return this.eventTypes;
	}

	public void setEventTypes(List<EventType> eventTypes) {
		this.eventTypes = eventTypes;
	}

	public Publisher getPublisher() {
		return this.publisher;
	}

	public Envelope getEnvelope() {
		return this.envelope;
	}

	public Secrets getSecrets() {
		return this.secrets;
	}

	/**
	 * An endpoint declared in configuration.
	 */
	public static class Endpoint {

		/**
		 * Id of the endpoint, stable across restarts; deliveries and the REST API refer to it.
		 */
		private String id;

		/**
		 * URL events are POSTed to; HTTPS unless the URL guard allows plain HTTP.
		 */
		private String url;

		/**
		 * Signing secrets, current first: 'whsec_' secrets (v1), 'whsk_' ed25519 private keys (v1a), or any other
		 * text for schemes that use the text as the key. A signature version with no secret here keeps its stored
		 * secret, or gets a new one the first time.
		 */
		private List<String> secrets = new ArrayList<>();

		/**
		 * Standard Webhooks signature versions to sign with: 'v1' (HMAC-SHA256), 'v1a' (ed25519) or both, sent
		 * space-separated in one header. Unset: the versions of the configured secrets, or 'v1'.
		 */
		private List<String> signatureVersions;

		/**
		 * Subscribed event types, with wildcards such as 'lead.*' or '*'. Empty subscribes to every type.
		 */
		private List<String> events = new ArrayList<>();

		/**
		 * Custom headers sent with every request to this endpoint.
		 */
		private Map<String, String> headers = new LinkedHashMap<>();

		/**
		 * Whether deliveries are made to this endpoint.
		 */
		private boolean enabled = true;

		/**
		 * Free-text description.
		 */
		private String description;

		/**
		 * Tenant the endpoint belongs to: it receives only that tenant's events. Empty for events of no tenant.
		 */
		private String tenant;

		/**
		 * Payload filter as a JSON document of operators keyed by dotted path into the envelope, such as
		 * '{"data.object.amount": {"$gt": 100}}'. Only events that pass it are delivered. Empty for none.
		 */
		private String filter;

		/**
		 * Order of deliveries: 'parallel', or 'fifo' for one at a time in publish order.
		 */
		private EndpointOrdering ordering = EndpointOrdering.PARALLEL;

		/**
		 * Most requests per second to this endpoint, 1 to 10000; excess deliveries wait. Empty for no limit.
		 */
		private Integer rateLimit;

		/**
		 * Name of the SSL bundle (spring.ssl.bundle.*) whose key and certificate are presented to this
		 * endpoint as a client certificate (mTLS). Empty for none.
		 */
		private String sslBundle;

		public String getFilter() {
			return this.filter;
		}

		public void setFilter(String filter) {
			this.filter = filter;
		}

		public EndpointOrdering getOrdering() {
			return this.ordering;
		}

		public void setOrdering(EndpointOrdering ordering) {
			this.ordering = ordering;
		}

		public Integer getRateLimit() {
			return this.rateLimit;
		}

		public void setRateLimit(Integer rateLimit) {
			this.rateLimit = rateLimit;
		}

		public String getSslBundle() {
			return this.sslBundle;
		}

		public void setSslBundle(String sslBundle) {
			this.sslBundle = sslBundle;
		}

		public String getId() {
			return this.id;
		}

		public void setId(String id) {
			this.id = id;
		}

		public String getUrl() {
			return this.url;
		}

		public void setUrl(String url) {
			this.url = url;
		}

		public List<String> getSecrets() {
			return this.secrets;
		}

		public List<String> getSignatureVersions() {
			return this.signatureVersions;
		}

		public void setSignatureVersions(List<String> signatureVersions) {
			this.signatureVersions = signatureVersions;
		}

		public void setSecrets(List<String> secrets) {
			this.secrets = secrets;
		}

		public List<String> getEvents() {
			return this.events;
		}

		public void setEvents(List<String> events) {
			this.events = events;
		}

		public Map<String, String> getHeaders() {
			return this.headers;
		}

		public void setHeaders(Map<String, String> headers) {
			this.headers = headers;
		}

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getDescription() {
			return this.description;
		}

		public void setDescription(String description) {
			this.description = description;
		}

		public String getTenant() {
			return this.tenant;
		}

		public void setTenant(String tenant) {
			this.tenant = tenant;
		}

	}

	/**
	 * One entry of the event-type catalog.
	 */
	public static class EventType {

		/**
		 * Event type, such as 'migration.completed'.
		 */
		private String type;

		/**
		 * When the event is published.
		 */
		private String description;

		/**
		 * Example payload (data.object), shown in the catalog and sent by test events. Checked at start-up
		 * against the schema, when there is one.
		 */
		private Map<String, Object> example;

		/**
		 * JSON Schema (draft 2020-12) of the payload (data.object), written inline in YAML. Only the properties
		 * it declares are sent; anything else is stripped.
		 */
		private Map<String, Object> schema;

		/**
		 * Location of a JSON file holding the JSON Schema (draft 2020-12) of the payload, such as
		 * 'classpath:webhooks/migration.completed.json'. Use either this or 'schema'.
		 */
		private String schemaLocation;

		public String getType() {
			return this.type;
		}

		public void setType(String type) {
			this.type = type;
		}

		public String getDescription() {
			return this.description;
		}

		public void setDescription(String description) {
			this.description = description;
		}

		public Map<String, Object> getExample() {
			return this.example;
		}

		public void setExample(Map<String, Object> example) {
			this.example = example;
		}

		public Map<String, Object> getSchema() {
			return this.schema;
		}

		public void setSchema(Map<String, Object> schema) {
			this.schema = schema;
		}

		public String getSchemaLocation() {
			return this.schemaLocation;
		}

		public void setSchemaLocation(String schemaLocation) {
			this.schemaLocation = schemaLocation;
		}

	}

	/**
	 * How events are published.
	 */
	public static class Publisher {

		/**
		 * Whether publishing an event type that the catalog does not declare fails, and whether endpoints may
		 * subscribe only to declared types.
		 */
		private boolean strictEventTypes = true;

		/**
		 * What is done with event-type schemas when publishing: 'lenient' strips the properties a schema does
		 * not declare and sends the rest; 'strict' also fails the publish when the rest does not match the
		 * schema; 'off' sends payloads as Jackson writes them.
		 */
		private SchemaValidationMode schemaValidation = SchemaValidationMode.LENIENT;

		/**
		 * How long an idempotency key is remembered: a second publish with the same key within this window
		 * returns the first event's id and sends nothing.
		 */
		private Duration idempotencyWindow = Duration.ofHours(24);

		/**
		 * How long a tenant's enabled endpoints are kept between publishes before they are read again. Changes
		 * made through this instance are seen by the next publish; changes made by another instance sharing the
		 * database after at most this time. Zero reads them for every publish.
		 */
		private Duration subscriberCacheTtl = Duration.ofSeconds(1);

		/**
		 * Whether each publish is a Micrometer observation ('webhooks.publish': a timer and, with a tracing
		 * bridge, a span whose trace context is stored with the event for its delivery attempts). Off by default,
		 * as Spring Kafka's observation-enabled: on a path taken for every event it costs several microseconds of
		 * CPU per publish.
		 */
		private boolean observationEnabled = false;

		/**
		 * Packages scanned at start-up for types annotated with @WebhookEvent, to complete the catalog. Empty
		 * scans the application's auto-configuration packages.
		 */
		private List<String> scanPackages = new ArrayList<>();

		/**
		 * The most endpoints a tenant may have (disabled ones count, deleted ones do not), through the management
		 * API and WebhookEndpoints alike; creating one more fails (409 max-endpoints in the API). 0 means no
		 * limit. When not set: 20 while the management API is on (webhooks.api.enabled=true), no limit otherwise.
		 * An EndpointLimit bean replaces it, for limits that differ by plan.
		 */
		private Integer maxEndpointsPerTenant;

		public boolean isStrictEventTypes() {
			return this.strictEventTypes;
		}

		public void setStrictEventTypes(boolean strictEventTypes) {
			this.strictEventTypes = strictEventTypes;
		}

		public SchemaValidationMode getSchemaValidation() {
			return this.schemaValidation;
		}

		public void setSchemaValidation(SchemaValidationMode schemaValidation) {
			this.schemaValidation = schemaValidation;
		}

		public Duration getIdempotencyWindow() {
			return this.idempotencyWindow;
		}

		public void setIdempotencyWindow(Duration idempotencyWindow) {
			this.idempotencyWindow = idempotencyWindow;
		}

		public boolean isObservationEnabled() {
			return this.observationEnabled;
		}

		public void setObservationEnabled(boolean observationEnabled) {
			this.observationEnabled = observationEnabled;
		}

		public Duration getSubscriberCacheTtl() {
			return this.subscriberCacheTtl;
		}

		public void setSubscriberCacheTtl(Duration subscriberCacheTtl) {
			this.subscriberCacheTtl = subscriberCacheTtl;
		}

		public Integer getMaxEndpointsPerTenant() {
			return this.maxEndpointsPerTenant;
		}

		public void setMaxEndpointsPerTenant(Integer maxEndpointsPerTenant) {
			this.maxEndpointsPerTenant = maxEndpointsPerTenant;
		}

		public List<String> getScanPackages() {
			return this.scanPackages;
		}

		public void setScanPackages(List<String> scanPackages) {
			this.scanPackages = scanPackages;
		}

	}

	/**
	 * The JSON envelope every event is sent in.
	 */
	public static class Envelope {

		/**
		 * API version written in 'api_version'; the field is left out when empty.
		 */
		private String apiVersion;

		/**
		 * Field names to use instead of the defaults, by field: id, object, type, created, api-version,
		 * tenant-id, text, data, data-object, error-message.
		 */
		private Map<EnvelopeField, String> fieldNames = new EnumMap<>(EnvelopeField.class);

		/**
		 * Fields left out of the envelope.
		 */
		private Set<EnvelopeField> exclude = EnumSet.noneOf(EnvelopeField.class);

		/**
		 * Whether 'data' is an object holding 'object' and 'error_message'; when false, 'data' is the payload
		 * itself and 'error_message' moves to the top level.
		 */
		private boolean wrapData = true;

		/**
		 * Largest envelope sent with its payload; above it, data.object is replaced with "__truncated__".
		 */
		private DataSize maxPayloadSize = DataSize.ofKilobytes(64);

		/**
		 * Field of the payload replaced with "__truncated__" first when the envelope is larger than
		 * max-payload-size, as a JSON pointer into the payload, such as '/output/value'; the whole payload is
		 * replaced when that is not enough. Empty replaces the whole payload.
		 */
		private String truncatedField;

		public String getApiVersion() {
			return this.apiVersion;
		}

		public void setApiVersion(String apiVersion) {
			this.apiVersion = apiVersion;
		}

		public Map<EnvelopeField, String> getFieldNames() {
			return this.fieldNames;
		}

		public void setFieldNames(Map<EnvelopeField, String> fieldNames) {
			this.fieldNames = fieldNames;
		}

		public Set<EnvelopeField> getExclude() {
			return this.exclude;
		}

		public void setExclude(Set<EnvelopeField> exclude) {
			this.exclude = exclude;
		}

		public boolean isWrapData() {
			return this.wrapData;
		}

		public void setWrapData(boolean wrapData) {
			this.wrapData = wrapData;
		}

		public DataSize getMaxPayloadSize() {
			return this.maxPayloadSize;
		}

		public void setMaxPayloadSize(DataSize maxPayloadSize) {
			this.maxPayloadSize = maxPayloadSize;
		}

		public String getTruncatedField() {
			return this.truncatedField;
		}

		public void setTruncatedField(String truncatedField) {
			this.truncatedField = truncatedField;
		}

	}

	/**
	 * Endpoint signing secrets.
	 */
	public static class Secrets {

		/**
		 * How long a rotated-out secret keeps signing, so receivers can deploy the new one at their own pace.
		 */
		private Duration rotationOverlap = Duration.ofHours(24);

		public Duration getRotationOverlap() {
			return this.rotationOverlap;
		}

		public void setRotationOverlap(Duration rotationOverlap) {
			this.rotationOverlap = rotationOverlap;
		}

	}

}
