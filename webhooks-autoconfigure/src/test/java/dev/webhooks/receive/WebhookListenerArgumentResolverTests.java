package dev.webhooks.receive;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import dev.webhooks.receive.ReceiverTestApplication.Migration;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static dev.webhooks.receive.SignedRequests.SECRET_1;
import static dev.webhooks.receive.SignedRequests.envelope;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application's own {@link WebhookListenerArgumentResolver} bean fills the parameters it supports, asked
 * before the built-in resolvers, over real HTTP (the same application and database as
 * {@link WebhookReceiverHttpTests}, so the context is shared).
 */
@SpringBootTest(classes = ReceiverTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:receiver-http;DB_CLOSE_DELAY=-1")
class WebhookListenerArgumentResolverTests extends ReceiverIntegrationTests {

	@Test
	void applicationResolverSuppliesAHeaderParameterNextToThePayload() {
		String body = envelope("evt_header", "header.test", "{\"id\":\"mig_h\",\"status\":\"COMPLETED\"}");

		HttpResponse<String> response = this.requests.postStandard(ANON, "msg_header", body, SECRET_1);

		assertThat(response.statusCode()).isEqualTo(204);
		assertThat(this.listeners.headerValues).containsExactly("msg_header");
		assertThat(this.listeners.migrations).containsExactly(new Migration("mig_h", "COMPLETED"));
	}

}
