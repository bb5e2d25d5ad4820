package dev.webhooks.test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import dev.webhooks.receive.WebhookSource;
import dev.webhooks.receive.WebhookSources;
import jakarta.servlet.ServletContext;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * A webhook request of a configured source, built and signed against the application under test when it is sent:
 * a MockMvc {@link RequestBuilder} (the application is found through the servlet context), or sent with a
 * {@link RestTestClient}. Made by {@link WebhookRequests#signed(String, String, Object)}.
 */
public final class SignedWebhookRequest implements RequestBuilder {

	private final String source;

	private final String eventType;

	private final Object payload;

	private String messageId;

	private Instant timestamp;

	private String tenantId;

	SignedWebhookRequest(String source, String eventType, Object payload) {
		this.source = source;
		this.eventType = eventType;
		this.payload = payload;
	}

	/**
	 * Send it with this message id ({@code webhook-id}), for example to send the same message twice; a random
	 * {@code msg_…} id by default.
	 * @param messageId the id
	 * @return this request
	 */
	public SignedWebhookRequest id(String messageId) {
		this.messageId = messageId;
		return this;
	}

	/**
	 * Sign it with this time rather than now, for example to see a stale request refused.
	 * @param timestamp the signed time
	 * @return this request
	 */
	public SignedWebhookRequest timestamp(Instant timestamp) {
		this.timestamp = timestamp;
		return this;
	}

	/**
	 * Send the event as one of a tenant ({@code tenant_id} in the envelope).
	 * @param tenantId the tenant
	 * @return this request
	 */
	public SignedWebhookRequest tenant(String tenantId) {
		this.tenantId = tenantId;
		return this;
	}

	/**
	 * Resolve and sign it with the application's source configuration.
	 * @param context the application under test
	 * @return the path, headers and body
	 * @throws IllegalArgumentException when no source of that name is configured
	 */
	public SignedWebhook resolve(ApplicationContext context) {
		WebhookSources sources = context.getBeanProvider(WebhookSources.class).getIfAvailable();
		if (sources == null) {
			throw new IllegalStateException("The application has no webhook receiver: configure "
					+ "webhooks.receiver.sources." + this.source + " (a web application with the starter)");
		}
		WebhookSource source = sources.byName(this.source);
		if (source == null) {
			throw new IllegalArgumentException("No webhook source '" + this.source + "' is configured; configured: "
					+ sources.all().stream().map(WebhookSource::name).toList());
		}
		JsonMapper mapper = context.getBeanProvider(JsonMapper.class).getIfUnique(JsonMapper::shared);
		String id = (this.messageId != null) ? this.messageId : "msg_" + UUID.randomUUID().toString().replace("-", "");
		Instant signedAt = (this.timestamp != null) ? this.timestamp : Instant.now();
		byte[] body = mapper.writeValueAsBytes(envelope(id));
		Map<String, String> signature = source.scheme().sign(id, signedAt, body, source.secrets());
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		signature.forEach(headers::set);
		return new SignedWebhook(source.path(), headers, body);
	}

	private Map<String, Object> envelope(String messageId) {
		// the envelope the starter's own publisher writes: its listeners read data.object and the envelope fields
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("object", this.payload);
		Map<String, Object> envelope = new LinkedHashMap<>();
		envelope.put("id", "evt_" + messageId.substring(messageId.indexOf('_') + 1));
		envelope.put("object", "event");
		envelope.put("type", this.eventType);
		envelope.put("created", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
		if (this.tenantId != null) {
			envelope.put("tenant_id", this.tenantId);
		}
		envelope.put("data", data);
		return envelope;
	}

	/**
	 * Send it with a {@link RestTestClient}, to a server or bound to the application.
	 * @param client the client
	 * @param context the application under test, whose source configuration signs the request
	 * @return the response, to assert on
	 */
	public RestTestClient.ResponseSpec exchange(RestTestClient client, ApplicationContext context) {
		SignedWebhook webhook = resolve(context);
		return client.post()
			.uri(webhook.path())
			.headers((headers) -> headers.addAll(webhook.headers()))
			.body(webhook.body())
			.exchange();
	}

	@Override
	public MockHttpServletRequest buildRequest(ServletContext servletContext) {
		WebApplicationContext context = WebApplicationContextUtils.findWebApplicationContext(servletContext);
		if (context == null) {
			throw new IllegalStateException("No application context in MockMvc's servlet context: build MockMvc "
					+ "with MockMvcBuilders.webAppContextSetup(context) or @AutoConfigureMockMvc");
		}
		SignedWebhook webhook = resolve(context);
		return MockMvcRequestBuilders.post(webhook.path())
			.headers(webhook.headers())
			.content(webhook.body())
			.buildRequest(servletContext);
	}

	@Override
	public String toString() {
		return "SignedWebhookRequest[" + this.source + ", " + this.eventType + "]";
	}

}
