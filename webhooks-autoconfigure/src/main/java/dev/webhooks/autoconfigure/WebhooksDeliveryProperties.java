package dev.webhooks.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.webhooks.delivery.ScheduleRetryPolicy;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the delivery engine ({@code webhooks.delivery.*}): retries, timeouts, in-flight limits, the
 * poller, the wire format and the URL guard.
 */
@ConfigurationProperties("webhooks.delivery")
public class WebhooksDeliveryProperties {

	/**
	 * When failed deliveries are tried again.
	 */
	private final Retry retry = new Retry();

	/**
	 * Where deliveries may go.
	 */
	private final UrlGuard urlGuard = new UrlGuard();

	/**
	 * How requests are signed.
	 */
	private final Signature signature = new Signature();

	/**
	 * The HTTP proxy all webhooks leave through (CONNECT tunnels), so receivers see known source addresses.
	 */
	private final Proxy proxy = new Proxy();

	/**
	 * Headers sent with every request, such as 'Accept'; an endpoint's custom header of the same name replaces
	 * one. The signature, framing and user-agent headers cannot be set here.
	 */
	private Map<String, String> headers = new LinkedHashMap<>();

	/**
	 * The Spring Boot SSL bundle ('spring.ssl.bundle.*') whose key and certificate are presented to every
	 * endpoint that names no 'ssl_bundle' of its own (mTLS), and whose trust material, when set, verifies the
	 * endpoints' certificates. Unset: no client certificate and the JDK's trust store.
	 */
	private String sslBundle;

	/**
	 * How long one attempt may take, from sending the request until the whole response has arrived; an endpoint
	 * that has not answered with a 2xx by then counts as failed and is retried.
	 */
	private Duration timeout = Duration.ofSeconds(10);

	/**
	 * How long to wait for a connection (TCP and TLS) to an endpoint.
	 */
	private Duration connectTimeout = Duration.ofSeconds(5);

	/**
	 * The most requests in flight to one endpoint; more wait in the endpoint's queue, so a slow endpoint holds
	 * only its own slots and connections.
	 */
	private int maxInFlightPerEndpoint = 10;

	/**
	 * The most requests in flight in all, and the size of the connection pool.
	 */
	private int maxInFlight = 200;

	/**
	 * The delay between two polls for due deliveries (retries, and deliveries a crash or another instance left).
	 */
	private Duration pollInterval = Duration.ofSeconds(1);

	/**
	 * The most deliveries claimed per poll, and the most outcomes written per database batch.
	 */
	private int batchSize = 100;

	/**
	 * The longest a delivery outcome waits before it is written, when its batch is not full.
	 */
	private Duration outcomeFlushInterval = Duration.ofMillis(50);

	/**
	 * How long a claimed delivery stays with this instance; after that another instance may take it. Must be
	 * longer than the timeout.
	 */
	private Duration lease = Duration.ofSeconds(60);

	/**
	 * The id of this instance, the owner of its leases. Defaults to the host name and a random suffix.
	 */
	private String instanceId;

	/**
	 * Whether to send the signature headers a second time with the {@code svix-} prefix, for receivers that only
	 * read those.
	 */
	private boolean svixHeaders = false;

	/**
	 * Whether to send the publish's W3C {@code traceparent} header on every delivery request, so the receiver's
	 * spans join the publish's trace. Off by default: it tells every endpoint the trace id.
	 */
	private boolean propagateTraceContext = false;

	/**
	 * Whether each delivery attempt is a Micrometer observation ('webhooks.attempt': a timer and, with a tracing
	 * bridge, a span in the publish's trace). Off by default, as Spring Kafka's observation-enabled: on a path
	 * taken for every attempt it costs several microseconds of CPU per attempt; the webhooks.deliveries and
	 * webhooks.delivery.* meters are recorded either way.
	 */
	private boolean observationEnabled = false;

	/**
	 * The {@code user-agent} header. Defaults to the starter's name and version.
	 */
	private String userAgent;

	/**
	 * How long an endpoint's deliveries may keep dying, with no success in between, before the endpoint is
	 * disabled.
	 */
	private Duration endpointDisableAfter = Duration.ofDays(5);

	/**
	 * How much of a response body is kept in the delivery log.
	 */
	private DataSize responseBodyLimit = DataSize.ofKilobytes(4);

	/**
	 * The HTTP client's I/O threads, which write the requests and read the responses of all endpoints. Defaults
	 * to half the available processors, at least one.
	 */
	private Integer ioThreads;

	/**
	 * How often the housekeeping runs: disabling endpoints that keep failing, and purging what is older than
	 * {@code webhooks.store.retention}.
	 */
	private Duration housekeepingInterval = Duration.ofMinutes(1);

	/**
	 * How long stopping the application waits for the requests in flight.
	 */
	private Duration shutdownTimeout = Duration.ofSeconds(30);

	public Retry getRetry() {
		return this.retry;
	}

	public UrlGuard getUrlGuard() {
		return this.urlGuard;
	}

	public Signature getSignature() {
		return this.signature;
	}

	public Proxy getProxy() {
		return this.proxy;
	}

	public String getSslBundle() {
		return this.sslBundle;
	}

	public void setSslBundle(String sslBundle) {
		this.sslBundle = sslBundle;
	}

	public Map<String, String> getHeaders() {
		return this.headers;
	}

	public void setHeaders(Map<String, String> headers) {
		this.headers = headers;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public int getMaxInFlightPerEndpoint() {
		return this.maxInFlightPerEndpoint;
	}

	public void setMaxInFlightPerEndpoint(int maxInFlightPerEndpoint) {
		this.maxInFlightPerEndpoint = maxInFlightPerEndpoint;
	}

	public int getMaxInFlight() {
		return this.maxInFlight;
	}

	public void setMaxInFlight(int maxInFlight) {
		this.maxInFlight = maxInFlight;
	}

	public Duration getPollInterval() {
		return this.pollInterval;
	}

	public void setPollInterval(Duration pollInterval) {
		this.pollInterval = pollInterval;
	}

	public int getBatchSize() {
		return this.batchSize;
	}

	public void setBatchSize(int batchSize) {
		this.batchSize = batchSize;
	}

	public Duration getOutcomeFlushInterval() {
		return this.outcomeFlushInterval;
	}

	public void setOutcomeFlushInterval(Duration outcomeFlushInterval) {
		this.outcomeFlushInterval = outcomeFlushInterval;
	}

	public Duration getLease() {
		return this.lease;
	}

	public void setLease(Duration lease) {
		this.lease = lease;
	}

	public String getInstanceId() {
		return this.instanceId;
	}

	public void setInstanceId(String instanceId) {
		this.instanceId = instanceId;
	}

	public boolean isObservationEnabled() {
		return this.observationEnabled;
	}

	public void setObservationEnabled(boolean observationEnabled) {
		this.observationEnabled = observationEnabled;
	}

	public boolean isPropagateTraceContext() {
		return this.propagateTraceContext;
	}

	public void setPropagateTraceContext(boolean propagateTraceContext) {
		this.propagateTraceContext = propagateTraceContext;
	}

	public boolean isSvixHeaders() {
		return this.svixHeaders;
	}

	public void setSvixHeaders(boolean svixHeaders) {
		this.svixHeaders = svixHeaders;
	}

	public String getUserAgent() {
		return this.userAgent;
	}

	public void setUserAgent(String userAgent) {
		this.userAgent = userAgent;
	}

	public Duration getEndpointDisableAfter() {
		return this.endpointDisableAfter;
	}

	public void setEndpointDisableAfter(Duration endpointDisableAfter) {
		this.endpointDisableAfter = endpointDisableAfter;
	}

	public DataSize getResponseBodyLimit() {
		return this.responseBodyLimit;
	}

	public void setResponseBodyLimit(DataSize responseBodyLimit) {
		this.responseBodyLimit = responseBodyLimit;
	}

	public Integer getIoThreads() {
		return this.ioThreads;
	}

	public void setIoThreads(Integer ioThreads) {
		this.ioThreads = ioThreads;
	}

	public Duration getHousekeepingInterval() {
		return this.housekeepingInterval;
	}

	public void setHousekeepingInterval(Duration housekeepingInterval) {
		this.housekeepingInterval = housekeepingInterval;
	}

	public Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
	}

	/**
	 * How a retry schedule is made.
	 */
	public enum Strategy {

		/** The fixed {@code retry.schedule}. */
		SCHEDULE,

		/** Exponential delays from {@code retry.exponential.*}. */
		EXPONENTIAL

	}

	/**
	 * Retry settings ({@code webhooks.delivery.retry.*}).
	 */
	public static class Retry {

		/**
		 * Which retry settings apply: the fixed schedule or the exponential settings.
		 */
		private Strategy strategy = Strategy.SCHEDULE;

		/**
		 * Each attempt's time since the first attempt, the first attempt included (so it usually starts with
		 * 0s); after the last one the delivery is dead. The default makes six attempts over about 80 seconds.
		 */
		private List<Duration> schedule = new ArrayList<>(ScheduleRetryPolicy.DEFAULT_SCHEDULE);

		/**
		 * The longest delay a {@code Retry-After} response header may ask for; a longer one is cut to this. A
		 * shorter one than the retry policy's delay does not shorten it.
		 */
		private Duration maxRetryAfter = Duration.ofMinutes(5);

		/**
		 * Exponential retry settings, used when the strategy is {@code exponential}.
		 */
		private final Exponential exponential = new Exponential();

		public Strategy getStrategy() {
			return this.strategy;
		}

		public void setStrategy(Strategy strategy) {
			this.strategy = strategy;
		}

		public List<Duration> getSchedule() {
			return this.schedule;
		}

		public void setSchedule(List<Duration> schedule) {
			this.schedule = schedule;
		}

		public Duration getMaxRetryAfter() {
			return this.maxRetryAfter;
		}

		public void setMaxRetryAfter(Duration maxRetryAfter) {
			this.maxRetryAfter = maxRetryAfter;
		}

		public Exponential getExponential() {
			return this.exponential;
		}

	}

	/**
	 * Exponential retry settings ({@code webhooks.delivery.retry.exponential.*}).
	 */
	public static class Exponential {

		/**
		 * The delay before the first retry.
		 */
		private Duration initialDelay = Duration.ofSeconds(5);

		/**
		 * What each delay is multiplied by to give the next one.
		 */
		private double multiplier = 2.0;

		/**
		 * The longest delay between two attempts.
		 */
		private Duration maxDelay = Duration.ofHours(1);

		/**
		 * The most attempts in all, the first one included.
		 */
		private int maxAttempts = 6;

		/**
		 * The largest random deviation added to or taken from each delay, so many deliveries that failed together
		 * are not all retried at the same moment.
		 */
		private Duration jitter = Duration.ZERO;

		public Duration getInitialDelay() {
			return this.initialDelay;
		}

		public void setInitialDelay(Duration initialDelay) {
			this.initialDelay = initialDelay;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public Duration getMaxDelay() {
			return this.maxDelay;
		}

		public void setMaxDelay(Duration maxDelay) {
			this.maxDelay = maxDelay;
		}

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getJitter() {
			return this.jitter;
		}

		public void setJitter(Duration jitter) {
			this.jitter = jitter;
		}

	}

	/**
	 * Signature settings ({@code webhooks.delivery.signature.*}).
	 */
	public static class Signature {

		/**
		 * Signature scheme: 'standard-webhooks' (webhook-id, webhook-timestamp and webhook-signature 'v1,<base64>'),
		 * 'timestamped-hex' (one header 't=<seconds>,v1=<hex>' and an id header, as Stripe and Anvil send), or the
		 * bean name of a WebhookSignatureScheme of the application's own.
		 */
		private String scheme = "standard-webhooks";

		/**
		 * Header carrying the message id (the event id), for the built-in schemes. Defaults to 'webhook-id'.
		 */
		private String idHeader;

		/**
		 * Header carrying the signed unix timestamp, for the standard-webhooks scheme. Defaults to
		 * 'webhook-timestamp'.
		 */
		private String timestampHeader;

		/**
		 * Header carrying the signatures, for the built-in schemes. Defaults to 'webhook-signature'.
		 */
		private String signatureHeader;

		/**
		 * Prefix of the message id sent and signed instead of the event id's own, such as 'msg_' for Svix-style
		 * message ids: 'msg_01HX…' for event 'evt_01HX…'. Empty sends the event id.
		 */
		private String messageIdPrefix;

		public String getScheme() {
			return this.scheme;
		}

		public void setScheme(String scheme) {
			this.scheme = scheme;
		}

		public String getIdHeader() {
			return this.idHeader;
		}

		public void setIdHeader(String idHeader) {
			this.idHeader = idHeader;
		}

		public String getTimestampHeader() {
			return this.timestampHeader;
		}

		public void setTimestampHeader(String timestampHeader) {
			this.timestampHeader = timestampHeader;
		}

		public String getSignatureHeader() {
			return this.signatureHeader;
		}

		public void setSignatureHeader(String signatureHeader) {
			this.signatureHeader = signatureHeader;
		}

		public String getMessageIdPrefix() {
			return this.messageIdPrefix;
		}

		public void setMessageIdPrefix(String messageIdPrefix) {
			this.messageIdPrefix = messageIdPrefix;
		}

	}

	/**
	 * URL guard settings ({@code webhooks.delivery.url-guard.*}): switches for development and tests only.
	 */
	public static class UrlGuard {

		/**
		 * Whether endpoints may use plain {@code http://}. For development only: webhooks carry signed but
		 * readable data.
		 */
		private boolean allowHttp = false;

		/**
		 * Whether endpoints may use {@code localhost} and resolve to loopback, private, carrier-grade NAT and
		 * unique-local addresses. Link-local and cloud metadata addresses stay refused. For development and tests
		 * only: on a server this lets any customer reach the internal network.
		 */
		private boolean allowPrivateNetworks = false;

		public boolean isAllowHttp() {
			return this.allowHttp;
		}

		public void setAllowHttp(boolean allowHttp) {
			this.allowHttp = allowHttp;
		}

		public boolean isAllowPrivateNetworks() {
			return this.allowPrivateNetworks;
		}

		public void setAllowPrivateNetworks(boolean allowPrivateNetworks) {
			this.allowPrivateNetworks = allowPrivateNetworks;
		}

	}

	/**
	 * Egress proxy settings ({@code webhooks.delivery.proxy.*}). Off while no URL is set.
	 */
	public static class Proxy {

		/**
		 * The proxy's URL, http://host:port. Every webhook is tunnelled through it with CONNECT to the endpoint
		 * address the URL guard checked. Credentials go in username and password, not in the URL.
		 */
		private String url;

		/**
		 * The user name for the proxy's Basic authentication.
		 */
		private String username;

		/**
		 * The password for the proxy's Basic authentication. Never logged.
		 */
		private String password;

		/**
		 * Endpoint hosts reached directly, not through the proxy: exact names, or '*.example.com' for the
		 * sub-domains of a domain. The URL guard checks them as usual.
		 */
		private List<String> nonProxyHosts = new ArrayList<>();

		public String getUrl() {
			return this.url;
		}

		public void setUrl(String url) {
			this.url = url;
		}

		public String getUsername() {
			return this.username;
		}

		public void setUsername(String username) {
			this.username = username;
		}

		public String getPassword() {
			return this.password;
		}

		public void setPassword(String password) {
			this.password = password;
		}

		public List<String> getNonProxyHosts() {
			return this.nonProxyHosts;
		}

		public void setNonProxyHosts(List<String> nonProxyHosts) {
			this.nonProxyHosts = nonProxyHosts;
		}

		@Override
		public String toString() {
			return "Proxy[url=" + this.url + ", username=" + this.username + ", password="
					+ ((this.password != null) ? "******" : null) + "]";
		}

	}

}
