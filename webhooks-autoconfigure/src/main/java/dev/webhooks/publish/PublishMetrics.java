package dev.webhooks.publish;

/**
 * What the publisher reports about itself. The Micrometer implementation is {@link MicrometerPublishMetrics}.
 */
@FunctionalInterface
public interface PublishMetrics {

	/** Reports nothing. */
	PublishMetrics NONE = (type) -> {
	};

	/**
	 * An event was committed to the outbox.
	 * @param eventType its type
	 */
	void published(String eventType);

}
