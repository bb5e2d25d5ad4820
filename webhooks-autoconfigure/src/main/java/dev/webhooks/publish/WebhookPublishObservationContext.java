package dev.webhooks.publish;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;

/**
 * The {@link io.micrometer.observation.Observation.Context} of one publish. It is a sender context whose carrier
 * is a map: a tracing handler writes the publish's trace context into it (the W3C {@code traceparent}), and the
 * publisher stores that with the event, so every delivery attempt of it, made later and perhaps by another
 * instance, continues this trace.
 */
public class WebhookPublishObservationContext extends SenderContext<Map<String, String>> {

	private final PublishRequest request;

	private String eventId;

	private boolean failed;

	/**
	 * A context for a publish.
	 * @param request what is published
	 */
	public WebhookPublishObservationContext(PublishRequest request) {
		super((carrier, key, value) -> {
			if (carrier != null && key != null && value != null) {
				carrier.put(key.toLowerCase(Locale.ROOT), value);
			}
		}, Kind.PRODUCER);
		this.request = request;
		setCarrier(new HashMap<>());
		setRemoteServiceName("webhooks-outbox");
	}

	/**
	 * What is published.
	 * @return the request
	 */
	public PublishRequest getRequest() {
		return this.request;
	}

	/**
	 * The id of the event stored, once it is.
	 * @return the event id, or {@code null}
	 */
	public String getEventId() {
		return this.eventId;
	}

	void setEventId(String eventId) {
		this.eventId = eventId;
	}

	/**
	 * Whether the publish failed (nothing was stored).
	 * @return whether it failed
	 */
	public boolean isFailed() {
		return this.failed;
	}

	void setFailed(boolean failed) {
		this.failed = failed;
	}

	/**
	 * The trace context a tracing handler wrote, as the W3C {@code traceparent}.
	 * @return the traceparent, or {@code null} when the publish is not traced
	 */
	public String getTraceParent() {
		Map<String, String> carrier = getCarrier();
		return (carrier != null) ? carrier.get("traceparent") : null;
	}

}
