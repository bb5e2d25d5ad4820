package dev.webhooks.integration;

import java.util.List;
import java.util.Map;

import dev.webhooks.testsupport.RequiresPostgres;
import dev.webhooks.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;

/**
 * Per-endpoint rate limits on PostgreSQL, each test in a schema of its own; and two instances sharing one schema
 * that together keep to the limit.
 */
@RequiresPostgres
class PostgresRateLimitTests extends RateLimitContractTests {

	PostgresRateLimitTests() {
		super(TestDatabases.postgres());
	}

	@Test
	void twoInstancesOnOneSchemaTogetherKeepToTheLimit() throws Exception {
		OrderRecorder limited = OrderRecorder.succeeding();
		String url = this.apps.receiver(limited).url();
		List<String> database = newDatabase();
		ProviderApp one = this.apps.start(database, "webhooks.delivery.instance-id=one");
		ProviderApp two = this.apps.start(database, "webhooks.delivery.instance-id=two");
		String endpointId = limitedEndpoint(one, url, 5);

		// each instance publishes half, so each sends its own on the fast path and both ask for permits
		for (int n = 0; n < 100; n++) {
			((n % 2 == 0) ? one : two).publish("migration.completed", Map.of("n", n));
		}

		await().atMost(WAIT).until(() -> limited.successes() == 100);
		assertAtMostInAnySecond(limited, 5);
		assertNeverCountedAsAttempts(one, endpointId);
	}

}
