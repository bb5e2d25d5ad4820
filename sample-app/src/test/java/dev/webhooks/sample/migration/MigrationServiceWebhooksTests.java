package dev.webhooks.sample.migration;

import dev.webhooks.test.WebhookRecorder;
import dev.webhooks.test.autoconfigure.AutoConfigureWebhooksRecorder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What the sample's migrations publish, recorded instead of sent: the outbox, signing and the delivery engine run,
 * and no request leaves the test.
 */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:publisher-tests;DB_CLOSE_DELAY=-1")
@AutoConfigureWebhooksRecorder
class MigrationServiceWebhooksTests {

	@Autowired
	MigrationService migrations;

	@Autowired
	WebhookRecorder recorder;

	@BeforeEach
	void clearRecorder() {
		this.recorder.clear();
	}

	@Test
	void creatingAMigrationPublishesAndDeliversMigrationCreated() {
		Migration created = this.migrations.create("acme", "Acme CRM export");

		assertThat(this.recorder).published("migration.created").withData(created).withTenant("acme").times(1);
		assertThat(this.recorder).delivered("migration.created")
			.to("http://localhost:8080/webhooks/incoming/anon")
			.signedIn("webhook-signature");
	}

	@Test
	void aRefusedTransitionPublishesNothing() {
		Migration created = this.migrations.create("acme", "Acme CRM export");
		this.recorder.clear();

		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> this.migrations.complete("acme", created.id()));

		assertThat(this.recorder).publishedNothing();
	}

}
