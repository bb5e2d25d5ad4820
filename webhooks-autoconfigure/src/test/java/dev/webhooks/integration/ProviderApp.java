package dev.webhooks.integration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import dev.webhooks.endpoint.CreatedEndpoint;
import dev.webhooks.endpoint.EndpointRequest;
import dev.webhooks.endpoint.WebhookEndpoints;
import dev.webhooks.publish.WebhookPublisher;

import org.springframework.boot.WebApplicationType;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One running provider application: a Spring Boot context of {@link ProviderTestApplication} on a real database,
 * with the delivery engine sending to real HTTP receivers. Closing it stops the engine as a shutdown would.
 */
final class ProviderApp implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private ProviderApp(ConfigurableApplicationContext context) {
		this.context = context;
	}

	static ProviderApp start(List<String> properties, ApplicationContextInitializer<?>... initializers) {
		List<String> args = new ArrayList<>();
		properties.forEach((property) -> args.add("--" + property));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ProviderTestApplication.class)
			.web(WebApplicationType.NONE)
			.initializers(initializers)
			.run(args.toArray(String[]::new));
		return new ProviderApp(context);
	}

	ConfigurableApplicationContext context() {
		return this.context;
	}

	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	WebhookPublisher publisher() {
		return bean(WebhookPublisher.class);
	}

	WebhookEndpoints endpoints() {
		return bean(WebhookEndpoints.class);
	}

	JdbcTemplate jdbc() {
		return new JdbcTemplate(bean(DataSource.class));
	}

	/** Create an endpoint of no tenant, subscribed to the given patterns (none: every type). */
	CreatedEndpoint endpoint(String url, String... eventTypes) {
		return endpoints().create(null, EndpointRequest.of(url, eventTypes));
	}

	String publish(String type, Object data) {
		return publisher().publish(type, data);
	}

	/** The status of the one delivery of an event to an endpoint. */
	String deliveryStatus(String eventId, String endpointId) {
		return jdbc().queryForObject("SELECT status FROM webhook_delivery WHERE event_id = ? AND endpoint_id = ?",
				String.class, eventId, endpointId);
	}

	List<Map<String, Object>> attempts(String eventId, String endpointId) {
		return jdbc().queryForList("""
				SELECT a.attempt_number, a.status_code, a.error
				FROM webhook_attempt a JOIN webhook_delivery d ON d.id = a.delivery_id
				WHERE d.event_id = ? AND d.endpoint_id = ?
				ORDER BY a.attempt_number
				""", eventId, endpointId);
	}

	@Override
	public void close() {
		this.context.close();
	}

}
