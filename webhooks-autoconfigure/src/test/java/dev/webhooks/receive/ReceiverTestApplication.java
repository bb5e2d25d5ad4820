package dev.webhooks.receive;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;
import org.springframework.core.MethodParameter;

/**
 * A small application with listeners for the receiving tests; its sources are in receiver-test.properties.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@PropertySource("classpath:dev/webhooks/receive/receiver-test.properties")
class ReceiverTestApplication {

	@Bean
	Listeners listeners() {
		return new Listeners();
	}

	@Bean
	WebhookListenerArgumentResolver webhookHeaderResolver() {
		return new WebhookHeaderResolver();
	}

	/** Binds a listener parameter to a request header, through {@link WebhookHeaderResolver}. */
	@Target(ElementType.PARAMETER)
	@Retention(RetentionPolicy.RUNTIME)
	@interface WebhookHeader {

		String value();

	}

	/** An application's own resolver: the value of the header a {@link WebhookHeader} parameter names. */
	static class WebhookHeaderResolver implements WebhookListenerArgumentResolver {

		@Override
		public boolean supportsParameter(MethodParameter parameter) {
			return parameter.hasParameterAnnotation(WebhookHeader.class);
		}

		@Override
		public Object resolveArgument(MethodParameter parameter, WebhookMessage message, JsonNode envelope) {
			return message.headers().getFirst(parameter.getParameterAnnotation(WebhookHeader.class).value());
		}

	}

	/** The resource inside {@code data.object} of the migration events. */
	record Migration(String id, String status) {
	}

	/** A payload whose {@code amount} must be a number, to send it one of the wrong shape. */
	record Payment(String id, int amount) {
	}

	/** A mutable payload class, to show POJOs bind as well as records. */
	static class Lead {

		private String name;

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

	}

	/** Records every call, and fails on demand. */
	static class Listeners {

		final List<Migration> migrations = new CopyOnWriteArrayList<>();

		final List<WebhookMessage> messages = new CopyOnWriteArrayList<>();

		final List<Map<String, Object>> maps = new CopyOnWriteArrayList<>();

		final List<JsonNode> envelopes = new CopyOnWriteArrayList<>();

		final List<JsonNode> nodes = new CopyOnWriteArrayList<>();

		final List<Lead> leads = new CopyOnWriteArrayList<>();

		final List<WebhookMessage> anvil = new CopyOnWriteArrayList<>();

		final List<Payment> payments = new CopyOnWriteArrayList<>();

		final AtomicInteger failuresLeft = new AtomicInteger();

		final AtomicInteger failingCalls = new AtomicInteger();

		@WebhookListener(source = "anon", events = { "migration.completed", "migration_task.*" })
		void onMigration(Migration migration, WebhookMessage message) {
			this.migrations.add(migration);
			this.messages.add(message);
		}

		@WebhookListener(source = "anon", events = "map.test")
		void onMap(Map<String, Object> payload, @Envelope JsonNode envelope) {
			this.maps.add(payload);
			this.envelopes.add(envelope);
		}

		@WebhookListener(source = "anon", events = "node.test")
		void onNode(JsonNode payload) {
			this.nodes.add(payload);
		}

		@WebhookListener(source = "anon", events = "lead.created")
		void onLead(Lead lead) {
			this.leads.add(lead);
		}

		@WebhookListener(source = "anon", events = "payment.received")
		void onPayment(Payment payment) {
			this.payments.add(payment);
		}

		@WebhookListener(source = "anon", events = "fail.test")
		void onFail(WebhookMessage message) {
			this.failingCalls.incrementAndGet();
			if (this.failuresLeft.getAndDecrement() > 0) {
				throw new IllegalStateException("listener failure on purpose");
			}
			this.messages.add(message);
		}

		final AtomicInteger slowCalls = new AtomicInteger();

		volatile CountDownLatch gate = new CountDownLatch(1);

		@WebhookListener(source = "anon", events = "gated.test")
		void onGated(WebhookMessage message) throws InterruptedException {
			this.gate.await(10, TimeUnit.SECONDS);
			this.messages.add(message);
		}

		@WebhookListener(source = "anon", events = "slow.test")
		void onSlow(WebhookMessage message) throws InterruptedException {
			this.slowCalls.incrementAndGet();
			// held until the test opens the gate, so that concurrent deliveries of the same id overlap
			this.gate.await(10, TimeUnit.SECONDS);
		}

		final List<String> headerValues = new CopyOnWriteArrayList<>();

		// without the application's resolver, the String would be a second payload parameter
		@WebhookListener(source = "anon", events = "header.test")
		void onHeader(@WebhookHeader("webhook-id") String id, Migration migration) {
			this.headerValues.add(id);
			this.migrations.add(migration);
		}

		@WebhookListener(source = "anvil")
		void onAnvil(WebhookMessage message) {
			this.anvil.add(message);
		}

		@WebhookListener(source = "custom", events = "*")
		void onCustom(WebhookMessage message) {
			this.messages.add(message);
		}

		void reset() {
			this.migrations.clear();
			this.messages.clear();
			this.maps.clear();
			this.envelopes.clear();
			this.nodes.clear();
			this.leads.clear();
			this.payments.clear();
			this.anvil.clear();
			this.headerValues.clear();
			this.failuresLeft.set(0);
			this.failingCalls.set(0);
			this.slowCalls.set(0);
			this.gate = new CountDownLatch(1);
		}

	}

}
