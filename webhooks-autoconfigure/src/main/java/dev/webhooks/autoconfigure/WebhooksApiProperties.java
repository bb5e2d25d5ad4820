package dev.webhooks.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the management REST API ({@code webhooks.api.*}).
 */
@ConfigurationProperties("webhooks.api")
public class WebhooksApiProperties {

	/**
	 * Whether the management REST API is served. Off by default: turn it on once its callers are authenticated
	 * (Spring Security, or a WebhookTenantResolver bean), or on purpose with single-tenant.
	 */
	private boolean enabled;

	/**
	 * Path under which the API is served.
	 */
	private String basePath = "/v1/webhooks";

	/**
	 * Whether every caller acts as one tenant: the endpoints and events of no tenant. For applications that
	 * secure the API themselves and have no tenants; without it, an API with no tenant resolver fails to start.
	 */
	private boolean singleTenant;

	/**
	 * Deprecated alias of webhooks.publisher.max-endpoints-per-tenant, read only when that one is not set.
	 */
	private Integer maxEndpointsPerTenant;

	/**
	 * Largest request body read; a larger one is answered with 413 without being read whole.
	 */
	private DataSize maxRequestSize = DataSize.ofKilobytes(64);

	/**
	 * Page size of lists when the request gives no limit.
	 */
	private int defaultPageSize = 50;

	/**
	 * Largest page size a request may ask for.
	 */
	private int maxPageSize = 250;

	/**
	 * How long a rotated-out secret keeps signing beside the new one unless the request says otherwise; a request
	 * may set 0 to 7 days. Empty uses webhooks.secrets.rotation-overlap.
	 */
	private Duration defaultGracePeriod;

	/**
	 * Event type of a test event when the request names none; declared in the catalog if it is not already.
	 */
	private String testEventType = "webhook.test";

	/**
	 * Most characters of a response body shown with an attempt.
	 */
	private int maxResponseBodyExcerpt = 1024;

	/**
	 * The live delivery stream, GET {base-path}/stream.
	 */
	private final Stream stream = new Stream();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getBasePath() {
		return this.basePath;
	}

	public void setBasePath(String basePath) {
		this.basePath = basePath;
	}

	public boolean isSingleTenant() {
		return this.singleTenant;
	}

	public void setSingleTenant(boolean singleTenant) {
		this.singleTenant = singleTenant;
	}

	/**
	 * The old name of {@code webhooks.publisher.max-endpoints-per-tenant}, from when the API kept a limit of its
	 * own; the endpoint service now enforces the one limit, for code and API alike.
	 * @return the limit set under the old name, or {@code null}
	 * @deprecated since 0.1.0 for {@code webhooks.publisher.max-endpoints-per-tenant}
	 */
	@Deprecated(since = "0.1.0")
	@DeprecatedConfigurationProperty(replacement = "webhooks.publisher.max-endpoints-per-tenant",
			reason = "One limit, enforced by the endpoint service for code and API alike", since = "0.1.0")
	public Integer getMaxEndpointsPerTenant() {
		return this.maxEndpointsPerTenant;
	}

	@Deprecated(since = "0.1.0")
	public void setMaxEndpointsPerTenant(Integer maxEndpointsPerTenant) {
		this.maxEndpointsPerTenant = maxEndpointsPerTenant;
	}

	public DataSize getMaxRequestSize() {
		return this.maxRequestSize;
	}

	public void setMaxRequestSize(DataSize maxRequestSize) {
		this.maxRequestSize = maxRequestSize;
	}

	public int getDefaultPageSize() {
		return this.defaultPageSize;
	}

	public void setDefaultPageSize(int defaultPageSize) {
		this.defaultPageSize = defaultPageSize;
	}

	public int getMaxPageSize() {
		return this.maxPageSize;
	}

	public void setMaxPageSize(int maxPageSize) {
		this.maxPageSize = maxPageSize;
	}

	public Duration getDefaultGracePeriod() {
		return this.defaultGracePeriod;
	}

	public void setDefaultGracePeriod(Duration defaultGracePeriod) {
		this.defaultGracePeriod = defaultGracePeriod;
	}

	public String getTestEventType() {
		return this.testEventType;
	}

	public void setTestEventType(String testEventType) {
		this.testEventType = testEventType;
	}

	public int getMaxResponseBodyExcerpt() {
		return this.maxResponseBodyExcerpt;
	}

	public void setMaxResponseBodyExcerpt(int maxResponseBodyExcerpt) {
		this.maxResponseBodyExcerpt = maxResponseBodyExcerpt;
	}

	public Stream getStream() {
		return this.stream;
	}

	/**
	 * Settings of the live delivery stream ({@code webhooks.api.stream.*}).
	 */
	public static class Stream {

		/**
		 * Whether the live delivery stream is served.
		 */
		private boolean enabled = true;

		/**
		 * How often an idle stream gets a keep-alive comment, which also finds clients that have gone.
		 */
		private Duration heartbeat = Duration.ofSeconds(15);

		/**
		 * How often the database is read for delivery changes while streams are open on this instance.
		 */
		private Duration pollInterval = Duration.ofSeconds(1);

		/**
		 * How far back each read looks again, for changes committed late or by instances whose clocks differ. A
		 * delivery whose publishing transaction commits later than this after it began shows up with its first
		 * attempt.
		 */
		private Duration lookback = Duration.ofSeconds(10);

		/**
		 * Most open streams of one tenant on this instance; more are refused with 429.
		 */
		private int maxPerTenant = 5;

		/**
		 * Most open streams on this instance; more are refused with 429.
		 */
		private int maxTotal = 500;

		/**
		 * How long one stream stays open; then it ends and the client reconnects with Last-Event-ID.
		 */
		private Duration maxDuration = Duration.ofMinutes(30);

		/**
		 * Most deliveries sent on resume, and read per kind of change per poll.
		 */
		private int batchLimit = 500;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getHeartbeat() {
			return this.heartbeat;
		}

		public void setHeartbeat(Duration heartbeat) {
			this.heartbeat = heartbeat;
		}

		public Duration getPollInterval() {
			return this.pollInterval;
		}

		public void setPollInterval(Duration pollInterval) {
			this.pollInterval = pollInterval;
		}

		public Duration getLookback() {
			return this.lookback;
		}

		public void setLookback(Duration lookback) {
			this.lookback = lookback;
		}

		public int getMaxPerTenant() {
			return this.maxPerTenant;
		}

		public void setMaxPerTenant(int maxPerTenant) {
			this.maxPerTenant = maxPerTenant;
		}

		public int getMaxTotal() {
			return this.maxTotal;
		}

		public void setMaxTotal(int maxTotal) {
			this.maxTotal = maxTotal;
		}

		public Duration getMaxDuration() {
			return this.maxDuration;
		}

		public void setMaxDuration(Duration maxDuration) {
			this.maxDuration = maxDuration;
		}

		public int getBatchLimit() {
			return this.batchLimit;
		}

		public void setBatchLimit(int batchLimit) {
			this.batchLimit = batchLimit;
		}

	}

}
