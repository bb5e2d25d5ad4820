package dev.webhooks.dashboard;

import java.util.Map;

/**
 * The paths the dashboard serves ({@code {path}}, {@code {path}/} and {@code {path}/assets/**}) and the check that
 * they leave every other route of the starter alone: a receiver path beneath the dashboard is fine (the default
 * {@code /webhooks/incoming} under {@code /webhooks}), one the dashboard would answer is a start-up failure.
 */
public final class DashboardPaths {

	private final String path;

	private DashboardPaths(String path) {
		this.path = path;
	}

	/**
	 * Check a dashboard path against the routes it must not shadow.
	 * @param path the dashboard's path, such as {@code /webhooks}
	 * @param others the other routes by the property that sets each, such as
	 * {@code webhooks.receiver.path -> /webhooks/incoming}; each route covers its path and everything beneath it
	 * @return the paths
	 * @throws IllegalStateException naming the properties when a route and the dashboard would overlap
	 */
	public static DashboardPaths of(String path, Map<String, String> others) {
		String dashboard = normalise(path);
		if (!dashboard.startsWith("/") || dashboard.length() < 2 || dashboard.contains("*") || dashboard.contains("{")
				|| dashboard.contains("//")) {
			throw new IllegalStateException("webhooks.dashboard.path must be a path such as /webhooks (not the root, "
					+ "no patterns), but is '" + path + "'");
		}
		others.forEach((property, value) -> {
			if (value == null || value.isBlank()) {
				return;
			}
			String other = normalise(value);
			if (other.equals(dashboard) || (dashboard + "/assets").equals(other)
					|| other.startsWith(dashboard + "/assets/") || dashboard.startsWith(other + "/")) {
				throw new IllegalStateException("webhooks.dashboard.path '" + dashboard + "' collides with "
						+ property + " '" + other + "': the dashboard serves " + dashboard + ", " + dashboard
						+ "/ and " + dashboard + "/assets/**, and " + other + " must stay reachable. Move one of "
						+ "them (e.g. webhooks.dashboard.path=/webhooks-dashboard) or turn the dashboard off with "
						+ "webhooks.dashboard.enabled=false");
			}
		});
		return new DashboardPaths(dashboard);
	}

	private static String normalise(String path) {
		String trimmed = path.strip();
		while (trimmed.length() > 1 && trimmed.endsWith("/")) {
			trimmed = trimmed.substring(0, trimmed.length() - 1);
		}
		return trimmed;
	}

	/**
	 * The page's path, without a trailing slash.
	 * @return the path
	 */
	public String page() {
		return this.path;
	}

	/**
	 * The path under which the assets of one fingerprint are served.
	 * @param fingerprint the assets' fingerprint
	 * @return the path, without a trailing slash
	 */
	public String assets(String fingerprint) {
		return this.path + "/assets/" + fingerprint;
	}

}
