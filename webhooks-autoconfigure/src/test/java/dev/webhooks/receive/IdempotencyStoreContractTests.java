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
 * What every {@link IdempotencyStore} that is also a {@link WebhookInbox} does, whatever keeps it: the subclasses
 * create the store, with a claim timeout of five minutes, on {@link #clock}, in a {@code @BeforeEach} method.
 *
 * @param <S> the store
 */
public abstract class IdempotencyStoreContractTests<S extends IdempotencyStore & WebhookInbox> {

	/** The store's clock, moved on by the tests. */
	protected final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));

	/** The store under test, set by the subclass. */
	protected S store;

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
		this.store.claim("anon", "msg_handled");
		this.store.confirm("anon", "msg_handled");
		this.store.release("anon", "msg_handled");

		assertThat(this.store.claim("anon", "msg_handled")).isEqualTo(Claim.HANDLED);
	}

	@Test
	void claimWithinTheTimeoutStaysInProgress() {
		this.store.claim("anon", "msg_live");
		this.clock.advance(Duration.ofMinutes(4));

		assertThat(this.store.claim("anon", "msg_live")).isEqualTo(Claim.IN_PROGRESS);
	}

	@Test
	void claimOlderThanTheTimeoutIsTakenOver() {
		this.store.claim("anon", "msg_4");
		this.clock.advance(Duration.ofMinutes(6));

		assertThat(this.store.claim("anon", "msg_4")).isEqualTo(Claim.CLAIMED);
	}

	@Test
	void purgeRemovesHandledIdsReceivedBeforeTheCutOff() {
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
	void purgeKeepsPendingMessagesThatAreNotHandledYet() {
		this.store.claim("anon", "old_pending");
		this.store.savePending(message("old_pending"));
		this.clock.advance(Duration.ofDays(8));

		int purged = this.store.purge(this.clock.instant().minus(Duration.ofDays(7)));

		assertThat(purged).isZero();
		assertThat(this.store.claim("anon", "old_pending")).isEqualTo(Claim.HANDLED);
	}

	@Test
	void pendingMessageIsAnsweredAsHandledAndStaysSoOnceConfirmed() {
		this.store.claim("anon", "msg_pending");
		this.store.savePending(message("msg_pending"));

		assertThat(this.store.claim("anon", "msg_pending")).isEqualTo(Claim.HANDLED);
		this.store.confirm("anon", "msg_pending");
		assertThat(this.store.claim("anon", "msg_pending")).isEqualTo(Claim.HANDLED);
	}

	@Test
	void failedMessageCanBeClaimedAgain() {
		this.store.claim("anon", "msg_6");
		this.store.savePending(message("msg_6"));
		this.store.markFailed("anon", "msg_6");

		assertThat(this.store.claim("anon", "msg_6")).isEqualTo(Claim.CLAIMED);
	}

	/**
	 * A message of source {@code anon} as the receiver keeps it.
	 * @param id the message id, also its {@code webhook-id} header
	 * @return the message
	 */
	protected static WebhookMessage message(String id) {
		HttpHeaders headers = new HttpHeaders();
		headers.add("webhook-id", id);
		return new WebhookMessage(id, "migration.completed", Instant.parse("2026-01-01T09:59:58Z"), "anon", headers,
				"{\"type\":\"migration.completed\"}".getBytes(StandardCharsets.UTF_8));
	}

}
