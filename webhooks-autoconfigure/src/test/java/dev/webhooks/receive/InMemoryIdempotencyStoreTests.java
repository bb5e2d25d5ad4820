package dev.webhooks.receive;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.webhooks.receive.IdempotencyStore.Claim;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-memory idempotency store and inbox, the default without a database.
 */
class InMemoryIdempotencyStoreTests extends IdempotencyStoreContractTests<InMemoryIdempotencyStore> {

	@BeforeEach
	void createStore() {
		this.store = new InMemoryIdempotencyStore(100, Duration.ofMinutes(5), this.clock);
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
	void pendingMessageIsNeverGivenBackAsAbandoned() {
		this.store.claim("anon", "msg_7");
		this.store.savePending(message("msg_7"));
		this.clock.advance(Duration.ofMinutes(6));

		assertThat(this.store.reclaimAbandonedPending(10)).isEmpty();
		assertThat(this.store.claim("anon", "msg_7")).isEqualTo(Claim.HANDLED);
	}

}
