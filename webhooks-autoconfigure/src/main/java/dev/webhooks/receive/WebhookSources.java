package dev.webhooks.receive;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The configured sources, by name and by path.
 */
public final class WebhookSources {

	private final Map<String, WebhookSource> byName = new LinkedHashMap<>();

	private final Map<String, WebhookSource> byPath = new LinkedHashMap<>();

	/**
	 * Index the given sources.
	 * @param sources the sources
	 * @throws IllegalStateException when two sources share a name or a path
	 */
	public WebhookSources(Collection<WebhookSource> sources) {
		for (WebhookSource source : sources) {
			if (this.byName.putIfAbsent(source.name(), source) != null) {
				throw new IllegalStateException("Two webhook sources are named '" + source.name() + "'");
			}
			WebhookSource other = this.byPath.putIfAbsent(source.path(), source);
			if (other != null) {
				throw new IllegalStateException("Webhook sources '" + other.name() + "' and '" + source.name()
						+ "' are both served at " + source.path());
			}
		}
	}

	/**
	 * The source of a name.
	 * @param name the name
	 * @return the source, or {@code null}
	 */
	public WebhookSource byName(String name) {
		return this.byName.get(name);
	}

	/**
	 * The source served at a path.
	 * @param path the request path
	 * @return the source, or {@code null}
	 */
	public WebhookSource byPath(String path) {
		return this.byPath.get(path);
	}

	/**
	 * Every source, in configuration order.
	 * @return the sources
	 */
	public Collection<WebhookSource> all() {
		return Collections.unmodifiableCollection(this.byName.values());
	}

}
