package dev.webhooks.test;

import java.util.List;
import java.util.Objects;

import tools.jackson.databind.JsonNode;

import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on the published events of one type. Each check passes when at least one of them matches, and the
 * checks narrow down: {@code withData(a).withTenant("acme")} needs one event with both.
 */
public class PublishedEventsAssert extends AbstractAssert<PublishedEventsAssert, List<RecordedEvent>> {

	private final WebhookRecorder recorder;

	private final String eventType;

	PublishedEventsAssert(WebhookRecorder recorder, String eventType, List<RecordedEvent> events) {
		super(events, PublishedEventsAssert.class);
		this.recorder = recorder;
		this.eventType = eventType;
	}

	/**
	 * Verify that an event has this payload, compared as the application's JSON mapper writes both, so a record,
	 * a map or a JSON tree of the same content match.
	 * @param expected the payload
	 * @return assertions on the matching events
	 */
	public PublishedEventsAssert withData(Object expected) {
		JsonNode json = this.recorder.toJson(expected);
		List<RecordedEvent> matching = this.actual.stream()
			.filter((event) -> json.equals(this.recorder.toJson(event.data())))
			.toList();
		if (matching.isEmpty()) {
			failWithMessage("Expected a <%s> event with data <%s>, but the data was <%s>", this.eventType, json,
					this.actual.stream().map((event) -> this.recorder.toJson(event.data())).toList());
		}
		return new PublishedEventsAssert(this.recorder, this.eventType, matching);
	}

	/**
	 * Verify that an event is of this tenant.
	 * @param tenantId the tenant, or {@code null} for an event of no tenant
	 * @return assertions on the matching events
	 */
	public PublishedEventsAssert withTenant(String tenantId) {
		List<RecordedEvent> matching = this.actual.stream()
			.filter((event) -> Objects.equals(tenantId, event.tenantId()))
			.toList();
		if (matching.isEmpty()) {
			failWithMessage("Expected a <%s> event of tenant <%s>, but the tenants were <%s>", this.eventType,
					tenantId, this.actual.stream().map(RecordedEvent::tenantId).toList());
		}
		return new PublishedEventsAssert(this.recorder, this.eventType, matching);
	}

	/**
	 * Verify how many events matched.
	 * @param expected the number
	 * @return this assertion
	 */
	public PublishedEventsAssert times(int expected) {
		if (this.actual.size() != expected) {
			failWithMessage("Expected %s <%s> event(s), but there were %s", expected, this.eventType,
					this.actual.size());
		}
		return this;
	}

}
