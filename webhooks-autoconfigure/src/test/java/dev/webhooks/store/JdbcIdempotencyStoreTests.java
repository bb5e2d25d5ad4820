package dev.webhooks.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.webhooks.receive.IdempotencyStore.Claim;
import dev.webhooks.receive.IdempotencyStoreContractTests;
import dev.webhooks.receive.WebhookMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * The JDBC idempotency store and inbox against a real database: the subclasses choose H2 or PostgreSQL. The store
 * under the contract tests writes its confirmations in batches every 20 ms, as the auto-configuration's does.
 */
abstract class JdbcIdempotencyStoreTests extends IdempotencyStoreContractTests<JdbcIdempotencyStore> {

	private static final Duration CLAIM_TIMEOUT = Duration.ofMinutes(5);

	private final List<JdbcIdempotencyStore> stores = new ArrayList<>();

	abstract DataSource dataSource();

	abstract String platform();

	/**
	 * The prefix of the table name.
	 * @return the default, unless a subclass runs the tests with another
	 */
	TablePrefix prefix() {
		return TablePrefix.DEFAULT;
	}

	@BeforeEach
	void createStore() {
		StoreSchema.create(dataSource(), platform(), prefix());
		this.store = store(Duration.ofMillis(20));
	}

	@AfterEach
	void closeStores() {
		this.stores.forEach(JdbcIdempotencyStore::close);
	}

	/**
	 * A store on the same database, as another instance of the application has.
	 * @param confirmFlushInterval how often it writes its confirmations, zero for at once
	 * @return the store, closed after the test
	 */
	JdbcIdempotencyStore store(Duration confirmFlushInterval) {
		JdbcIdempotencyStore created = new JdbcIdempotencyStore(dataSource(), JsonMapper.shared(), CLAIM_TIMEOUT,
				this.clock, prefix(), confirmFlushInterval);
		this.stores.add(created);
		return created;
	}

	/**
	 * A store that writes its confirmations only when the test has it do so ({@code writeConfirmations} or
	 * {@code close}): its flush interval is one that no test outlasts.
	 * @return the store, closed after the test
	 */
	JdbcIdempotencyStore deferringStore() {
		return store(Duration.ofMinutes(1));
	}

	/**
	 * Another instance on the same database, writing each confirmation at once: what it answers is what the table
	 * holds.
	 * @return the store, closed after the test
	 */
	JdbcIdempotencyStore otherInstance() {
		return store(Duration.ZERO);
	}

	@Test
	void confirmedIdNotWrittenYetIsHandledHereAndInProgressOnAnotherInstance() {
		JdbcIdempotencyStore deferring = deferringStore();
		JdbcIdempotencyStore otherInstance = otherInstance();
		deferring.claim("anon", "msg_deferred");

		deferring.confirm("anon", "msg_deferred");

		assertThat(deferring.claim("anon", "msg_deferred")).isEqualTo(Claim.HANDLED);
		assertThat(otherInstance.claim("anon", "msg_deferred")).isEqualTo(Claim.IN_PROGRESS);
		deferring.writeConfirmations();
		assertThat(otherInstance.claim("anon", "msg_deferred")).isEqualTo(Claim.HANDLED);
	}

	@Test
	void confirmationIsWrittenWithinTheFlushIntervalForAnotherInstance() {
		JdbcIdempotencyStore otherInstance = otherInstance();
		this.store.claim("anon", "msg_flushed");

		this.store.confirm("anon", "msg_flushed");

		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(otherInstance.claim("anon", "msg_flushed")).isEqualTo(Claim.HANDLED));
	}

	@Test
	void closingTheStoreWritesTheConfirmationsNotWrittenYet() {
		JdbcIdempotencyStore deferring = deferringStore();
		deferring.claim("anon", "msg_at_close_1");
		deferring.claim("anon", "msg_at_close_2");
		deferring.confirm("anon", "msg_at_close_1");
		deferring.confirm("anon", "msg_at_close_2");

		deferring.close();

		JdbcIdempotencyStore restarted = otherInstance();
		assertThat(restarted.claim("anon", "msg_at_close_1")).isEqualTo(Claim.HANDLED);
		assertThat(restarted.claim("anon", "msg_at_close_2")).isEqualTo(Claim.HANDLED);
	}

	@Test
	void confirmationAfterCloseIsWrittenAtOnce() {
		JdbcIdempotencyStore deferring = deferringStore();
		deferring.claim("anon", "msg_after_close");
		deferring.close();

		deferring.confirm("anon", "msg_after_close");

		assertThat(otherInstance().claim("anon", "msg_after_close")).isEqualTo(Claim.HANDLED);
	}

	@Test
	void releaseAfterAFailedListenerLetsTheNextClaimInWhileOtherConfirmationsWait() {
		JdbcIdempotencyStore deferring = deferringStore();
		JdbcIdempotencyStore otherInstance = otherInstance();
		deferring.claim("anon", "msg_succeeded");
		deferring.confirm("anon", "msg_succeeded");
		deferring.claim("anon", "msg_failed");

		deferring.release("anon", "msg_failed");

		assertThat(otherInstance.claim("anon", "msg_failed")).isEqualTo(Claim.CLAIMED);
		assertThat(deferring.claim("anon", "msg_succeeded")).isEqualTo(Claim.HANDLED);
		deferring.release("anon", "msg_succeeded");
		deferring.writeConfirmations();
		assertThat(otherInstance.claim("anon", "msg_succeeded")).isEqualTo(Claim.HANDLED);
	}

	@Test
	void confirmFlushIntervalNotShorterThanTheClaimTimeoutIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> store(CLAIM_TIMEOUT))
			.withMessageContaining("must be zero or more and shorter than the claim timeout (PT5M)");
	}

	@Test
	void purgeRemovesOldHandledIdsButKeepsPendingMessages() {
		this.store.claim("anon", "old_handled");
		this.store.confirm("anon", "old_handled");
		this.store.claim("anon", "old_pending");
		this.store.savePending(message("old_pending"));
		this.clock.advance(Duration.ofDays(8));
		this.store.claim("anon", "new_handled");
		this.store.confirm("anon", "new_handled");

		int purged = this.store.purge(this.clock.instant().minus(Duration.ofDays(7)));

		assertThat(purged).isEqualTo(1);
		assertThat(this.store.claim("anon", "old_handled")).isEqualTo(Claim.CLAIMED);
		assertThat(this.store.claim("anon", "new_handled")).isEqualTo(Claim.HANDLED);
		assertThat(this.store.claim("anon", "old_pending")).isEqualTo(Claim.HANDLED);
	}

	@Test
	void pendingMessageIsAnsweredAsHandledAndRecoveredOnceAfterTheTimeout() {
		this.store.claim("anon", "msg_5");
		WebhookMessage message = message("msg_5");
		this.store.savePending(message);

		assertThat(this.store.claim("anon", "msg_5")).isEqualTo(Claim.HANDLED);
		assertThat(this.store.reclaimAbandonedPending(10)).isEmpty();
		this.clock.advance(Duration.ofMinutes(6));
		List<WebhookMessage> recovered = this.store.reclaimAbandonedPending(10);

		assertThat(recovered).singleElement().satisfies((stored) -> {
			assertThat(stored).isEqualTo(message);
			assertThat(stored.headers().getFirst("webhook-id")).isEqualTo("msg_5");
		});
		assertThat(this.store.reclaimAbandonedPending(10)).isEmpty();
	}

}
