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

	/**
	 * Properties that its type's schema does not declare were stripped from an event's payload.
	 * @param eventType its type
	 * @param properties how many
	 */
	default void stripped(String eventType, int properties) {
	}

}
