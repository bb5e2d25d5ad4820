package dev.webhooks.test;

import java.time.Duration;
import java.util.List;

import tools.jackson.databind.JsonNode;

import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on the delivered requests carrying events of one type. Each check passes when at least one of them
 * matches, and the checks narrow down.
 */
public class DeliveredRequestsAssert extends AbstractAssert<DeliveredRequestsAssert, List<RecordedDelivery>> {

	private final WebhookRecorder recorder;

	private final String eventType;

	private final Duration wait;

	DeliveredRequestsAssert(WebhookRecorder recorder, String eventType, List<RecordedDelivery> deliveries,
			Duration wait) {
		super(deliveries, DeliveredRequestsAssert.class);
		this.recorder = recorder;
		this.eventType = eventType;
		this.wait = wait;
	}

	/**
	 * Verify that a request went to this endpoint URL.
	 * @param url the URL
	 * @return assertions on the matching requests
	 */
	public DeliveredRequestsAssert to(String url) {
		List<RecordedDelivery> matching = this.actual.stream()
			.filter((delivery) -> delivery.url().toString().equals(url))
			.toList();
		if (matching.isEmpty()) {
			failWithMessage("Expected a <%s> request to <%s>, but they went to <%s>", this.eventType, url,
					this.actual.stream().map(RecordedDelivery::url).toList());
		}
		return narrowed(matching);
	}

	/**
	 * Verify that a request carries this payload as {@code data.object}, compared as JSON.
	 * @param expected the payload
	 * @return assertions on the matching requests
	 */
	public DeliveredRequestsAssert withData(Object expected) {
		JsonNode json = this.recorder.toJson(expected);
		List<RecordedDelivery> matching = this.actual.stream()
			.filter((delivery) -> json.equals(delivery.data()))
			.toList();
		if (matching.isEmpty()) {
			failWithMessage("Expected a <%s> request with data <%s>, but the data was <%s>", this.eventType, json,
					this.actual.stream().map(RecordedDelivery::data).toList());
		}
		return narrowed(matching);
	}

	/**
	 * Verify that a request is signed: it carries a header of this name, for example {@code webhook-signature}.
	 * @param signatureHeader the header's name
	 * @return assertions on the matching requests
	 */
	public DeliveredRequestsAssert signedIn(String signatureHeader) {
		List<RecordedDelivery> matching = this.actual.stream()
			.filter((delivery) -> delivery.header(signatureHeader) != null)
			.toList();
		if (matching.isEmpty()) {
			failWithMessage("Expected a <%s> request with a <%s> header, but none had one", this.eventType,
					signatureHeader);
		}
		return narrowed(matching);
	}

	private DeliveredRequestsAssert narrowed(List<RecordedDelivery> matching) {
		return new DeliveredRequestsAssert(this.recorder, this.eventType, matching, this.wait);
	}

}
