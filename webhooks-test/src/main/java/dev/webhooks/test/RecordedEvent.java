package dev.webhooks.test;

import dev.webhooks.publish.PublishRequest;

/**
 * An event the application published and committed during a test.
 *
 * @param eventId the event id the publisher returned
 * @param request what was published: type, payload, tenant, text
 */
public record RecordedEvent(String eventId, PublishRequest request) {

	/**
	 * The event type.
	 * @return the type
	 */
	public String type() {
		return this.request.type();
	}

	/**
	 * The payload as published.
	 * @return the payload, or {@code null}
	 */
	public Object data() {
		return this.request.data();
	}

	/**
	 * The tenant.
	 * @return the tenant, or {@code null}
	 */
	public String tenantId() {
		return this.request.tenantId();
	}

}
