package dev.webhooks.store;

import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.webhooks.receive.IdempotencyStore.Claim;
import dev.webhooks.receive.IdempotencyStoreContractTests;
import dev.webhooks.receive.WebhookMessage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JDBC idempotency store and inbox against a real database: the subclasses choose H2 or PostgreSQL.
 */
abstract class JdbcIdempotencyStoreTests extends IdempotencyStoreContractTests<JdbcIdempotencyStore> {

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
		this.store = new JdbcIdempotencyStore(dataSource(), JsonMapper.shared(), Duration.ofMinutes(5), this.clock,
				prefix());
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
