package dev.webhooks.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the event log and replay page and its portal links ({@code webhooks.dashboard.*}).
 */
@ConfigurationProperties("webhooks.dashboard")
public class WebhooksDashboardProperties {

	/**
	 * Whether the dashboard page is served. It is only ever served when the management API is on
	 * (webhooks.api.enabled=true), since the page reads nothing but the API.
	 */
	private boolean enabled = true;

	/**
	 * Path of the dashboard page. The page answers this path, the path with a trailing slash, and its assets under
	 * {path}/assets/; it must not cover the receiver's paths.
	 */
	private String path = "/webhooks";

	/**
	 * How long a portal session opened from a portal link lasts.
	 */
	private Duration sessionTtl = Duration.ofHours(1);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getPath() {
		return this.path;
	}

	public void setPath(String path) {
		this.path = path;
	}

	public Duration getSessionTtl() {
		return this.sessionTtl;
	}

	public void setSessionTtl(Duration sessionTtl) {
		this.sessionTtl = sessionTtl;
	}

}
