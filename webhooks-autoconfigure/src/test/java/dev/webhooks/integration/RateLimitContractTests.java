package dev.webhooks.integration;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.webhooks.delivery.DeliveryLog;
import dev.webhooks.endpoint.EndpointRequest;
import dev.webhooks.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Per-endpoint rate limits end to end, over real HTTP on loopback: a limited endpoint never gets more than its
 * limit in any second (within {@link #TOLERANCE}), every delivery still arrives and none is counted as a failed
 * attempt, and an unlimited endpoint beside it is not slowed. Subclasses name the database.
 */
abstract class RateLimitContractTests extends DeliveryControlsContractTests {

	RateLimitContractTests(TestDatabases databases) {
		super(databases);
	}

	/**
	 * Requests over the limit allowed in one second: permits go out at least {@code 1/limit} apart, so a closed
	 * one-second window can hold one more than the limit; and a request can reach the receiver later than its
	 * permit, so the next one's can arrive closer to it than the interval: one more on a loaded machine (measured:
	 * see docs/benchmarks.md).
	 */
	static final int TOLERANCE = 2;

	@Test
	void aLimitedEndpointGetsAtMostItsLimitPerSecondWhileAnUnlimitedOneIsNotSlowed() throws Exception {
		OrderRecorder limited = OrderRecorder.succeeding();
		OrderRecorder unlimited = OrderRecorder.succeeding();
		String limitedUrl = this.apps.receiver(limited).url();
		String unlimitedUrl = this.apps.receiver(unlimited).url();
		ProviderApp app = this.apps.start(newDatabase());
		String limitedId = limitedEndpoint(app, limitedUrl, 5);
		app.endpoint(unlimitedUrl);

		for (int n = 0; n < 100; n++) {
			app.publish("migration.completed", Map.of("n", n));
		}

		await().atMost(WAIT).until(() -> unlimited.successes() == 100);
		assertThat(limited.successes()).isLessThan(100);
		// the backlog shows as waiting for the limit once the put-off deliveries are written
		await().atMost(WAIT).until(() -> app.bean(DeliveryLog.class).waiting(limitedId).waitingForRateLimit() > 0);
		await().atMost(WAIT).until(() -> limited.successes() == 100);
		assertAtMostInAnySecond(limited, 5);
		assertNeverCountedAsAttempts(app, limitedId);
	}

	/** The most requests the receiver got in any one-second window, printed for docs/benchmarks.md. */
	static void assertAtMostInAnySecond(OrderRecorder receiver, int limit) {
		int most = OrderRecorder.mostWithin(receiver.arrivals(), Duration.ofSeconds(1));
		System.out.println("Rate limit " + limit + "/s: at most " + most + " requests in any 1 s window of "
				+ receiver.arrivals().size());
		assertThat(most).isLessThanOrEqualTo(limit + TOLERANCE);
	}

	static String limitedEndpoint(ProviderApp app, String url, int perSecond) {
		return app.endpoints()
			.create(null, new EndpointRequest(url, null, List.of(), Map.of(), true, null, null, perSecond, null))
			.endpoint()
			.id();
	}

	/** Every delivery succeeded at its first attempt: waiting for a permit is not an attempt. */
	static void assertNeverCountedAsAttempts(ProviderApp app, String endpointId) {
		// the last outcomes are written shortly after the receiver answered
		await().atMost(WAIT).until(() -> app.jdbc().queryForObject(
				"SELECT COUNT(*) FROM webhook_delivery WHERE endpoint_id = ? AND status <> 'PENDING'", Integer.class,
				endpointId) == 100);
		assertThat(app.jdbc().queryForObject(
				"SELECT COUNT(*) FROM webhook_delivery WHERE endpoint_id = ? AND status = 'SUCCEEDED' AND attempts = 1",
				Integer.class, endpointId)).isEqualTo(100);
		assertThat(app.jdbc().queryForObject(
				"SELECT COUNT(*) FROM webhook_attempt a JOIN webhook_delivery d ON d.id = a.delivery_id "
						+ "WHERE d.endpoint_id = ?",
				Integer.class, endpointId)).isEqualTo(100);
	}

}
