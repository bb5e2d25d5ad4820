package dev.webhooks.benchmarks.modulith;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;

/**
 * What a Spring team would write instead of the starter, for {@link ModulithComparison}: the event is published in
 * a transaction through Spring Modulith's JDBC event publication registry, and an
 * {@link ApplicationModuleListener} signs it the Standard Webhooks way by hand and POSTs it with {@link RestClient};
 * a listener that throws leaves its publication incomplete, and incomplete publications are resubmitted when the
 * application starts again ({@code spring.modulith.events.republish-outstanding-events-on-restart}). The starter's
 * own auto-configuration stays on, with no endpoint, so both registries share one schema.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableAsync
public class ComparisonApplication {

	@Bean
	ModulithWebhooks modulithWebhooks(TransactionTemplate transactions, ApplicationEventPublisher events) {
		return new ModulithWebhooks(transactions, events);
	}

	@Bean
	ModulithWebhookSender modulithWebhookSender(JsonMapper mapper) {
		// the JDK's client, HTTP/1.1 as the starter speaks to this receiver (without spring-boot-restclient there is
		// no auto-configured RestClient.Builder)
		RestClient client = RestClient.builder()
			.requestFactory(new JdkClientHttpRequestFactory(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()))
			.build();
		return new ModulithWebhookSender(client, mapper, System.getProperty("bench.receiver-url"),
				System.getProperty("bench.secret"));
	}

	/** The event the registry stores until its listener completes. */
	public record WebhookRequested(String id, String type, Map<String, Object> data) {
	}

	/** Publishes an event in a transaction of its own, as a request handler's service method would. */
	public static class ModulithWebhooks {

		private final TransactionTemplate transactions;

		private final ApplicationEventPublisher events;

		ModulithWebhooks(TransactionTemplate transactions, ApplicationEventPublisher events) {
			this.transactions = transactions;
			this.events = events;
		}

		/** Returns once the publication is committed. */
		public String publish(String type, Map<String, Object> data) {
			String id = "msg_" + UUID.randomUUID();
			this.transactions.executeWithoutResult((status) -> this.events.publishEvent(new WebhookRequested(id, type, data)));
			return id;
		}

	}

	/** The listener: signs {@code id.timestamp.body} with HMAC-SHA256 and POSTs; a non-2xx answer throws. */
	public static class ModulithWebhookSender {

		private final RestClient client;

		private final JsonMapper mapper;

		private final String url;

		private final SecretKeySpec key;

		ModulithWebhookSender(RestClient client, JsonMapper mapper, String url, String secret) {
			this.client = client;
			this.mapper = mapper;
			this.url = url;
			this.key = new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256");
		}

		@ApplicationModuleListener
		void on(WebhookRequested event) throws Exception {
			long timestamp = Instant.now().getEpochSecond();
			byte[] body = this.mapper.writeValueAsBytes(Map.of("type", event.type(), "timestamp",
					Instant.ofEpochSecond(timestamp).toString(), "data", event.data()));
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.key);
			mac.update((event.id() + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
			String signature = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
			this.client.post()
				.uri(this.url)
				.contentType(MediaType.APPLICATION_JSON)
				.header("webhook-id", event.id())
				.header("webhook-timestamp", Long.toString(timestamp))
				.header("webhook-signature", signature)
				.body(body)
				.retrieve()
				.toBodilessEntity();
		}

	}

}
