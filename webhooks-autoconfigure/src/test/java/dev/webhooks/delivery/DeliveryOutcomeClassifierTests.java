package dev.webhooks.delivery;

import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import dev.webhooks.delivery.DeliveryOutcomeClassifier.Classification;
import dev.webhooks.urlguard.UnsafeUrlException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How attempts become outcomes.
 */
class DeliveryOutcomeClassifierTests {

	private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

	private static final Instant END = START.plusMillis(120);

	private final DeliveryOutcomeClassifier classifier = new DeliveryOutcomeClassifier(
			ScheduleRetryPolicy.withDefaults(), Duration.ofMinutes(5), Duration.ofSeconds(10));

	@Test
	void twoHundredsSucceed() {
		for (int status : new int[] { 200, 201, 202, 204, 299 }) {
			Classification result = classify(task(0), status, Map.of());
			assertThat(result.result()).isEqualTo(AttemptResult.DELIVERED);
			assertThat(result.outcome().status()).isEqualTo(DeliveryStatus.SUCCEEDED);
			assertThat(result.outcome().nextAttemptAt()).isNull();
		}
	}

	@Test
	void serverErrorsTimeoutsAndTooManyRequestsAreRetriedOnTheSchedule() {
		for (int status : new int[] { 500, 502, 503, 504, 408, 429, 302 }) {
			Classification result = classify(task(0), status, Map.of());
			assertThat(result.result()).as("status %d", status).isEqualTo(AttemptResult.RETRIED);
			assertThat(result.outcome().status()).isEqualTo(DeliveryStatus.PENDING);
			assertThat(result.outcome().nextAttemptAt()).isEqualTo(END.plusSeconds(5));
		}
	}

	@Test
	void otherClientErrorsFailAtOnce() {
		for (int status : new int[] { 400, 401, 403, 404, 409, 422 }) {
			Classification result = classify(task(0), status, Map.of());
			assertThat(result.result()).isEqualTo(AttemptResult.FAILED);
			assertThat(result.outcome().status()).isEqualTo(DeliveryStatus.FAILED);
			assertThat(result.outcome().disableEndpoint()).isFalse();
		}
	}

	@Test
	void goneFailsAndDisablesTheEndpoint() {
		Classification result = classify(task(0), 410, Map.of());
		assertThat(result.outcome().status()).isEqualTo(DeliveryStatus.FAILED);
		assertThat(result.outcome().disableEndpoint()).isTrue();
	}

	@Test
	void lastAttemptIsDead() {
		Classification result = classify(task(5), 503, Map.of());
		assertThat(result.result()).isEqualTo(AttemptResult.DEAD);
		assertThat(result.outcome().status()).isEqualTo(DeliveryStatus.DEAD);
		assertThat(result.outcome().attempt().attemptNumber()).isEqualTo(6);
	}

	@Test
	void retryAfterInSecondsIsHonouredWhenLongerThanTheSchedule() {
		Classification result = classify(task(0), 429, Map.of("Retry-After", "120"));
		assertThat(result.outcome().nextAttemptAt()).isEqualTo(END.plusSeconds(120));
	}

	@Test
	void retryAfterAsHttpDateIsHonoured() {
		String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(START.plusSeconds(60).atOffset(ZoneOffset.UTC));
		Classification result = classify(task(0), 503, Map.of("retry-after", date));
		assertThat(result.retryDelay()).isBetween(Duration.ofSeconds(59), Duration.ofSeconds(60));
	}

	@Test
	void retryAfterShorterThanTheScheduleKeepsTheSchedule() {
		Classification result = classify(task(0), 429, Map.of("Retry-After", "1"));
		assertThat(result.retryDelay()).isEqualTo(Duration.ofSeconds(5));
	}

	@Test
	void retryAfterIsCapped() {
		Classification result = classify(task(0), 429, Map.of("Retry-After", "86400"));
		assertThat(result.retryDelay()).isEqualTo(Duration.ofMinutes(5));
		Classification absurd = classify(task(0), 429, Map.of("Retry-After", "99999999999999999999999"));
		assertThat(absurd.retryDelay()).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void unreadableRetryAfterIsIgnored() {
		Classification result = classify(task(0), 429, Map.of("Retry-After", "soon"));
		assertThat(result.retryDelay()).isEqualTo(Duration.ofSeconds(5));
	}

	@Test
	void networkErrorsAreRetriedAndDescribed() {
		Classification refused = this.classifier.classify(task(0), START, END,
				new CompletionException(new ConnectException("refused")));
		assertThat(refused.result()).isEqualTo(AttemptResult.RETRIED);
		assertThat(refused.outcome().attempt().error()).isEqualTo("Connection refused: refused");
		assertThat(refused.outcome().attempt().statusCode()).isZero();
		Classification timedOut = this.classifier.classify(task(0), START, END, new TimeoutException());
		assertThat(timedOut.outcome().attempt().error()).isEqualTo("Timed out after 10000 ms");
	}

	@Test
	void anAddressTheUrlGuardRefusesFailsAtOnce() {
		Exception error = new java.net.UnknownHostException("internal.example");
		error.initCause(new UnsafeUrlException("127.0.0.1 is a loopback address"));
		Classification result = this.classifier.classify(task(0), START, END, error);
		assertThat(result.result()).isEqualTo(AttemptResult.FAILED);
		assertThat(result.outcome().attempt().error())
			.isEqualTo("Refused by the URL guard: 127.0.0.1 is a loopback address");
	}

	private Classification classify(DeliveryTask task, int status, Map<String, String> headers) {
		return this.classifier.classify(task, START, END, new WebhookResponse(status, headers, "body"));
	}

	private static DeliveryTask task(int attemptsMade) {
		return new DeliveryTask("dlv_1", "evt_1", "lead.created", null, START, new byte[0], "ep_1",
				"https://example.com/hook", Map.of(), List.of(), attemptsMade);
	}

}
