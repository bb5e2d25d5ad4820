package dev.webhooks.test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.assertj.core.api.AssertProvider;

/**
 * What the application published and what the delivery engine would have sent, during a test and without a
 * network. Installed by {@link dev.webhooks.test.autoconfigure.AutoConfigureWebhooksRecorder}; assert on it with
 * AssertJ: {@code assertThat(recorder).published("migration.completed").withData(...)}.
 * <p>
 * An event is recorded once its transaction commits (a rolled-back publish is not published); a delivery when the
 * engine would have sent it, signed, after the commit and on another thread, so {@link WebhookRecorderAssert}
 * waits for deliveries. Call {@link #clear()} between tests that share an application context.
 */
public class WebhookRecorder implements AssertProvider<WebhookRecorderAssert> {

	private final List<RecordedEvent> published = new CopyOnWriteArrayList<>();

	private final List<RecordedDelivery> delivered = new CopyOnWriteArrayList<>();

	private final JsonMapper mapper;

	/**
	 * A recorder comparing payloads with the application's JSON mapper.
	 * @param mapper the mapper
	 */
	public WebhookRecorder(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/**
	 * The events published and committed so far, in order.
	 * @return the events
	 */
	public List<RecordedEvent> published() {
		return List.copyOf(this.published);
	}

	/**
	 * The requests delivered so far, in order.
	 * @return the requests
	 */
	public List<RecordedDelivery> delivered() {
		return List.copyOf(this.delivered);
	}

	/** Forget everything recorded. */
	public void clear() {
		this.published.clear();
		this.delivered.clear();
	}

	void recordPublished(RecordedEvent event) {
		this.published.add(event);
	}

	void recordDelivered(RecordedDelivery delivery) {
		this.delivered.add(delivery);
	}

	/**
	 * A value as the application's mapper writes it, to compare payloads by their JSON.
	 * @param value a value
	 * @return its JSON tree
	 */
	JsonNode toJson(Object value) {
		return this.mapper.valueToTree(value);
	}

	JsonNode parse(byte[] body) {
		return this.mapper.readTree(body);
	}

	@Override
	public WebhookRecorderAssert assertThat() {
		return new WebhookRecorderAssert(this);
	}

}
