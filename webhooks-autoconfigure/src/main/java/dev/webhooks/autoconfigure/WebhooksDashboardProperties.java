package dev.webhooks.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the event-log page and its portal links ({@code webhooks.dashboard.*}).
 */
@ConfigurationProperties("webhooks.dashboard")
public class WebhooksDashboardProperties {

	/**
	 * Whether the page and portal links are served; they are only ever on while the management API is
	 * (webhooks.api.enabled=true).
	 */
	private boolean enabled = true;

	/**
	 * Path of the page; a portal link opens {origin}{path}/#portal-token=...
	 */
	private String path = "/webhooks";

	/**
	 * How long a portal link and the browser session it opens last, unless the request asks for less.
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
