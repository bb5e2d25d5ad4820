package dev.webhooks.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the receiving side ({@code webhooks.receiver.*}): the sources webhooks are accepted from,
 * how they are verified, and how handled ids are remembered.
 */
@ConfigurationProperties("webhooks.receiver")
public class WebhooksReceiverProperties {

	/**
	 * Whether to serve the receiving endpoints and register @WebhookListener methods.
	 */
	private boolean enabled = true;

	/**
	 * Base path of the receiving endpoints; each source is served at {path}/{source} unless it sets its own path.
	 */
	private String path = "/webhooks/incoming";

	/**
	 * How long the ids of handled messages are remembered, so a message delivered again within this time is
	 * answered 200 without calling the listener again. Keep it longer than the senders' retry period.
	 */
	private Duration retention = Duration.ofDays(7);

	/**
	 * How long a request's claim on a message id holds before another request (or the recovery of abandoned
	 * asynchronous messages) may take it over. Keep it longer than the slowest listener.
	 */
	private Duration claimTimeout = Duration.ofMinutes(5);

	/**
	 * How often ids older than the retention are purged and abandoned asynchronous messages are recovered.
	 */
	private Duration maintenanceInterval = Duration.ofMinutes(10);

	/**
	 * How often the JDBC idempotency store writes the ids whose listeners succeeded, in one batch: the request is
	 * answered without waiting for that write, and this instance answers a redelivery as a duplicate meanwhile.
	 * A crash loses the ids not written yet, so a redelivery of one after the claim timeout is handled again.
	 * Must be shorter than the claim timeout; 0 writes each id before the request is answered.
	 */
	private Duration confirmFlushInterval = Duration.ofMillis(20);

	/**
	 * Most message ids the in-memory idempotency store keeps (used when there is no DataSource); the oldest are
	 * forgotten first.
	 */
	private int inMemoryMaxEntries = 100_000;

	/**
	 * Whether requests to the receiving endpoints that the embedded Tomcat rejects before Spring MVC runs (headers
	 * larger than server.max-http-request-header-size, a malformed request) are answered with an RFC 9457 problem
	 * detail (431 for oversize headers) instead of Tomcat's HTML error page. Other paths keep Tomcat's page.
	 */
	private boolean containerProblemDetails = true;

	/**
	 * Whether each received webhook is a Micrometer observation ('webhooks.receive', inside Spring MVC's own
	 * server observation). Off by default, as Spring Kafka's observation-enabled: it costs several microseconds
	 * of CPU per request; the webhooks.received and webhooks.listener meters are recorded either way.
	 */
	private boolean observationEnabled = false;

	/**
	 * Execution and retries of listeners of asynchronous sources.
	 */
	private final AsyncListener asyncListener = new AsyncListener();

	/**
	 * Sources webhooks are received from, by name. The name is the last path segment of the source's endpoint
	 * and the source of its @WebhookListener methods.
	 */
	private Map<String, Source> sources = new LinkedHashMap<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isObservationEnabled() {
		return this.observationEnabled;
	}

	public void setObservationEnabled(boolean observationEnabled) {
		this.observationEnabled = observationEnabled;
	}

	public String getPath() {
		return this.path;
	}

	public void setPath(String path) {
		this.path = path;
	}

	public Duration getRetention() {
		return this.retention;
	}

	public void setRetention(Duration retention) {
		this.retention = retention;
	}

	public Duration getClaimTimeout() {
		return this.claimTimeout;
	}

	public void setClaimTimeout(Duration claimTimeout) {
		this.claimTimeout = claimTimeout;
	}

	public Duration getMaintenanceInterval() {
		return this.maintenanceInterval;
	}

	public void setMaintenanceInterval(Duration maintenanceInterval) {
		this.maintenanceInterval = maintenanceInterval;
	}

	public Duration getConfirmFlushInterval() {
		return this.confirmFlushInterval;
	}

	public void setConfirmFlushInterval(Duration confirmFlushInterval) {
		this.confirmFlushInterval = confirmFlushInterval;
	}

	public int getInMemoryMaxEntries() {
		return this.inMemoryMaxEntries;
	}

	public void setInMemoryMaxEntries(int inMemoryMaxEntries) {
		this.inMemoryMaxEntries = inMemoryMaxEntries;
	}

	public boolean isContainerProblemDetails() {
		return this.containerProblemDetails;
	}

	public void setContainerProblemDetails(boolean containerProblemDetails) {
		this.containerProblemDetails = containerProblemDetails;
	}

	public AsyncListener getAsyncListener() {
		return this.asyncListener;
	}

	public Map<String, Source> getSources() {
		return this.sources;
	}

	public void setSources(Map<String, Source> sources) {
		this.sources = sources;
	}

	/**
	 * One sender of webhooks.
	 */
	public static class Source {

		/**
		 * Signing secrets of the source; a request verifies when it is signed with any one of them, so during a
		 * rotation list both the new and the old secret. Standard Webhooks secrets have the form whsec_<base64>.
		 */
		private List<String> secrets = new ArrayList<>();

		/**
		 * Ed25519 public keys (whpk_<base64>) that verify the sender's asymmetric v1a signatures, beside or instead
		 * of the secrets: a request verifies when any v1 or v1a signature in it verifies with any secret or key.
		 */
		private List<String> publicKeys = new ArrayList<>();

		/**
		 * Signature scheme: 'standard-webhooks' (webhook-id, webhook-timestamp and webhook-signature 'v1,<base64>'
		 * headers, as Svix and Anon send), 'timestamped-hex' (one 't=<unix>,v1=<hex>' header, as Stripe and Anvil
		 * send), or the name of a WebhookSignatureScheme bean of the application.
		 */
		private String scheme = "standard-webhooks";

		/**
		 * Header holding the 't=…,v1=…' signature, for the timestamped-hex scheme.
		 */
		private String signatureHeader = "webhook-signature";

		/**
		 * Header holding the message id, for the timestamped-hex scheme. Without it, messages are de-duplicated
		 * on the envelope's 'id'.
		 */
		private String idHeader = "webhook-id";

		/**
		 * Largest accepted distance between the signed timestamp and now, in either direction; older or later
		 * requests are refused with 401, which stops replays of captured requests.
		 */
		private Duration tolerance = Duration.ofMinutes(5);

		/**
		 * Largest accepted request body; larger requests are refused with 413 without being read.
		 */
		private DataSize maxBodySize = DataSize.ofKilobytes(256);

		/**
		 * Path of the source's endpoint, instead of {webhooks.receiver.path}/{source}.
		 */
		private String path;

		/**
		 * Whether to answer 202 as soon as the request is verified and stored, and run the listeners afterwards
		 * on a thread pool, retrying them on failure. Otherwise the listeners run before the answer, and a
		 * failing listener makes the answer 500 so the sender retries.
		 */
		private boolean async;

		public List<String> getSecrets() {
			return this.secrets;
		}

		public void setSecrets(List<String> secrets) {
			this.secrets = secrets;
		}

		public List<String> getPublicKeys() {
			return this.publicKeys;
		}

		public void setPublicKeys(List<String> publicKeys) {
			this.publicKeys = publicKeys;
		}

		public String getScheme() {
			return this.scheme;
		}

		public void setScheme(String scheme) {
			this.scheme = scheme;
		}

		public String getSignatureHeader() {
			return this.signatureHeader;
		}

		public void setSignatureHeader(String signatureHeader) {
			this.signatureHeader = signatureHeader;
		}

		public String getIdHeader() {
			return this.idHeader;
		}

		public void setIdHeader(String idHeader) {
			this.idHeader = idHeader;
		}

		public Duration getTolerance() {
			return this.tolerance;
		}

		public void setTolerance(Duration tolerance) {
			this.tolerance = tolerance;
		}

		public DataSize getMaxBodySize() {
			return this.maxBodySize;
		}

		public void setMaxBodySize(DataSize maxBodySize) {
			this.maxBodySize = maxBodySize;
		}

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}

		public boolean isAsync() {
			return this.async;
		}

		public void setAsync(boolean async) {
			this.async = async;
		}

		@Override
		public String toString() {
			return "Source[secrets=" + this.secrets.size() + ", scheme=" + this.scheme + ", path=" + this.path
					+ ", async=" + this.async + "]";
		}

	}

	/**
	 * How listeners of asynchronous sources run.
	 */
	public static class AsyncListener {

		/**
		 * Threads running asynchronous listeners.
		 */
		private int threads = 4;

		/**
		 * Accepted messages that may wait for a thread; when the queue is full, requests are answered 503 so the
		 * sender retries later.
		 */
		private int queueCapacity = 1000;

		/**
		 * Retries of a message whose listener failed, after the first attempt.
		 */
		private int maxRetries = 3;

		/**
		 * Delay before the first retry.
		 */
		private Duration retryDelay = Duration.ofSeconds(1);

		/**
		 * Factor applied to the delay before each further retry.
		 */
		private double retryMultiplier = 2.0;

		/**
		 * Longest delay between retries.
		 */
		private Duration retryMaxDelay = Duration.ofSeconds(30);

		public int getThreads() {
			return this.threads;
		}

		public void setThreads(int threads) {
			this.threads = threads;
		}

		public int getQueueCapacity() {
			return this.queueCapacity;
		}

		public void setQueueCapacity(int queueCapacity) {
			this.queueCapacity = queueCapacity;
		}

		public int getMaxRetries() {
			return this.maxRetries;
		}

		public void setMaxRetries(int maxRetries) {
			this.maxRetries = maxRetries;
		}

		public Duration getRetryDelay() {
			return this.retryDelay;
		}

		public void setRetryDelay(Duration retryDelay) {
			this.retryDelay = retryDelay;
		}

		public double getRetryMultiplier() {
			return this.retryMultiplier;
		}

		public void setRetryMultiplier(double retryMultiplier) {
			this.retryMultiplier = retryMultiplier;
		}

		public Duration getRetryMaxDelay() {
			return this.retryMaxDelay;
		}

		public void setRetryMaxDelay(Duration retryMaxDelay) {
			this.retryMaxDelay = retryMaxDelay;
		}

	}

}
