package dev.webhooks.receive;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The {@link WebhookListenerMethod listener methods} of the application, checked against the configured sources
 * when they are registered; the receiver asks it which listeners handle a message.
 */
public class WebhookListenerRegistry {

	private final WebhookSources sources;

	private final List<WebhookListenerMethod> listeners = new CopyOnWriteArrayList<>();

	/**
	 * Create a registry.
	 * @param sources the configured sources
	 */
	public WebhookListenerRegistry(WebhookSources sources) {
		this.sources = sources;
	}

	/**
	 * Add a listener.
	 * @param listener the listener
	 * @throws IllegalStateException when it names a source that is not configured
	 */
	public void register(WebhookListenerMethod listener) {
		if (this.sources.byName(listener.getSource()) == null) {
			List<String> configured = new ArrayList<>();
			this.sources.all().forEach((source) -> configured.add(source.name()));
			throw new IllegalStateException("@WebhookListener " + listener.getId() + " listens to source '"
					+ listener.getSource() + "', which is not configured (configured sources: " + configured
					+ "). Add webhooks.receiver.sources." + listener.getSource() + ".secrets to the configuration.");
		}
		this.listeners.add(listener);
	}

	/**
	 * The listeners that handle a type from a source, in registration order.
	 * @param source the source name
	 * @param type the event type
	 * @return the listeners, possibly none
	 */
	public List<WebhookListenerMethod> listenersFor(String source, String type) {
		List<WebhookListenerMethod> matching = new ArrayList<>();
		for (WebhookListenerMethod listener : this.listeners) {
			if (listener.getSource().equals(source) && listener.handles(type)) {
				matching.add(listener);
			}
		}
		return matching;
	}

	/**
	 * Every registered listener.
	 * @return the listeners
	 */
	public List<WebhookListenerMethod> getListeners() {
		return Collections.unmodifiableList(this.listeners);
	}

}
