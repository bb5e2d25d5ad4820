package dev.webhooks.receive;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.webhooks.receive.IdempotencyStore.Claim;
import dev.webhooks.testsupport.MutableClock;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-memory idempotency store and inbox, the default without a database.
 */
class InMemoryIdempotencyStoreTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));

	private final InMemoryIdempotencyStore store = new InMemoryIdempotencyStore(100, Duration.ofMinutes(5),
			this.clock);

	@Test
	void firstClaimWinsAndASecondSeesItInProgress() {
		assertThat(this.store.claim("anon", "msg_1")).isEqualTo(Claim.CLAIMED);
		assertThat(this.store.claim("anon", "msg_1")).isEqualTo(Claim.IN_PROGRESS);
		assertThat(this.store.claim("other", "msg_1")).isEqualTo(Claim.CLAIMED);
	}

	@Test
	void confirmedIdIsHandled() {
		this.store.claim("anon", "msg_2");
		this.store.confirm("anon", "msg_2");

		assertThat(this.store.claim("anon", "msg_2")).isEqualTo(Claim.HANDLED);
	}

	@Test
	void releasedIdCanBeClaimedAgain() {
		this.store.claim("anon", "msg_3");
		this.store.release("anon", "msg_3");

		assertThat(this.store.claim("anon", "msg_3")).isEqualTo(Claim.CLAIMED);
	}

	@Test
	void releaseLeavesAHandledIdHandled() {
		this.store.claim("anon", "msg_4");
		this.store.confirm("anon", "msg_4");
		this.store.release("anon", "msg_4");

		assertThat(this.store.claim("anon", "msg_4")).isEqualTo(Claim.HANDLED);
	}

	@Test
	void claimHoldsUntilTheTimeoutAndIsTakenOverAfterIt() {
		this.store.claim("anon", "msg_5");
		this.clock.advance(Duration.ofMinutes(4));

		assertThat(this.store.claim("anon", "msg_5")).isEqualTo(Claim.IN_PROGRESS);
		this.clock.advance(Duration.ofMinutes(2));
		assertThat(this.store.claim("anon", "msg_5")).isEqualTo(Claim.CLAIMED);
	}

	@Test
	void purgeRemovesIdsReceivedBeforeTheCutOff() {
		this.store.claim("anon", "old_handled");
		this.store.confirm("anon", "old_handled");
		this.clock.advance(Duration.ofDays(8));
		this.store.claim("anon", "new_handled");
		this.store.confirm("anon", "new_handled");

		int purged = this.store.purge(this.clock.instant().minus(Duration.ofDays(7)));

		assertThat(purged).isEqualTo(1);
		assertThat(this.store.claim("anon", "old_handled")).isEqualTo(Claim.CLAIMED);
		assertThat(this.store.claim("anon", "new_handled")).isEqualTo(Claim.HANDLED);
	}

	@Test
	void oldestIdsAreForgottenBeyondTheBound() {
		InMemoryIdempotencyStore bounded = new InMemoryIdempotencyStore(2, Duration.ofMinutes(5), this.clock);
		for (String id : new String[] { "msg_a", "msg_b", "msg_c" }) {
			bounded.claim("anon", id);
			bounded.confirm("anon", id);
		}

		assertThat(bounded.claim("anon", "msg_a")).isEqualTo(Claim.CLAIMED);
		assertThat(bounded.claim("anon", "msg_c")).isEqualTo(Claim.HANDLED);
	}

	@Test
	void pendingMessageIsAnsweredAsHandledUntilConfirmed() {
		this.store.claim("anon", "msg_6");
		this.store.savePending(message("msg_6"));

		assertThat(this.store.claim("anon", "msg_6")).isEqualTo(Claim.HANDLED);
		this.store.confirm("anon", "msg_6");
		assertThat(this.store.claim("anon", "msg_6")).isEqualTo(Claim.HANDLED);
	}

	@Test
	void pendingMessageIsNeverGivenBackAsAbandoned() {
		this.store.claim("anon", "msg_7");
		this.store.savePending(message("msg_7"));
		this.clock.advance(Duration.ofMinutes(6));

		assertThat(this.store.reclaimAbandonedPending(10)).isEmpty();
		assertThat(this.store.claim("anon", "msg_7")).isEqualTo(Claim.HANDLED);
	}

	@Test
	void failedMessageCanBeClaimedAgain() {
		this.store.claim("anon", "msg_8");
		this.store.savePending(message("msg_8"));
		this.store.markFailed("anon", "msg_8");

		assertThat(this.store.claim("anon", "msg_8")).isEqualTo(Claim.CLAIMED);
	}

	private static WebhookMessage message(String id) {
		HttpHeaders headers = new HttpHeaders();
		headers.add("webhook-id", id);
		return new WebhookMessage(id, "migration.completed", Instant.parse("2026-01-01T09:59:58Z"), "anon", headers,
				"{\"type\":\"migration.completed\"}".getBytes(StandardCharsets.UTF_8));
	}

}
