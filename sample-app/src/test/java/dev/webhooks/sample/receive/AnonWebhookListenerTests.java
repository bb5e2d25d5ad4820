package dev.webhooks.sample.receive;

import dev.webhooks.test.WebhookRequests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The sample's {@code @WebhookListener} called through the real receiving path (signature, timestamp, size,
 * de-duplication, payload conversion) with requests signed by the secret of {@code webhooks.receiver.sources.anon}.
 */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:listener-tests;DB_CLOSE_DELAY=-1")
@ExtendWith(OutputCaptureExtension.class)
class AnonWebhookListenerTests {

	@Autowired
	WebApplicationContext context;

	@Test
	void handlesASignedMigrationEventThroughMockMvc(CapturedOutput output) throws Exception {
		MockMvc mockMvc = MockMvcBuilders.webAppContextSetup(this.context).build();

		mockMvc.perform(WebhookRequests.signed("anon", "migration.completed", new Migration("mig_1", "COMPLETE")))
			.andExpect(status().isNoContent());

		assertThat(output).contains("migration mig_1 is COMPLETE");
	}

	@Test
	void handlesASignedMigrationEventThroughRestTestClient(CapturedOutput output) {
		RestTestClient client = RestTestClient.bindToApplicationContext(this.context).build();

		WebhookRequests.signed("anon", "migration.started", new Migration("mig_2", "WORKING"))
			.exchange(client, this.context)
			.expectStatus()
			.isNoContent();

		assertThat(output).contains("migration mig_2 is WORKING");
	}

	@Test
	void sameMessageTwiceIsHandledOnce(CapturedOutput output) throws Exception {
		MockMvc mockMvc = MockMvcBuilders.webAppContextSetup(this.context).build();

		mockMvc.perform(WebhookRequests.signed("anon", "migration.completed", new Migration("mig_3", "COMPLETE"))
			.id("msg_twice")).andExpect(status().isNoContent());
		mockMvc.perform(WebhookRequests.signed("anon", "migration.completed", new Migration("mig_3", "COMPLETE"))
			.id("msg_twice")).andExpect(status().isOk());

		assertThat(output.getAll().split("migration mig_3 is COMPLETE", -1)).hasSize(2);
	}

}
