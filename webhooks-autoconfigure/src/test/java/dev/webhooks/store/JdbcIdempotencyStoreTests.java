package dev.webhooks.store;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.webhooks.receive.IdempotencyStore.Claim;
import dev.webhooks.receive.WebhookMessage;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JDBC idempotency store against a real database: the subclasses choose H2 or PostgreSQL.
 */
abstract class JdbcIdempotencyStoreTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));

	private JdbcIdempotencyStore store;

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
		this.store = new JdbcIdempotencyStore(dataSource(), new JsonMapper(), Duration.ofMinutes(5), this.clock,
				prefix());
	}

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
	void claimOlderThanTheTimeoutIsTakenOver() {
		this.store.claim("anon", "msg_4");
		this.clock.advance(Duration.ofMinutes(6));

		assertThat(this.store.claim("anon", "msg_4")).isEqualTo(Claim.CLAIMED);
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

	@Test
	void failedMessageCanBeClaimedAgain() {
		this.store.claim("anon", "msg_6");
		this.store.savePending(message("msg_6"));
		this.store.markFailed("anon", "msg_6");

		assertThat(this.store.claim("anon", "msg_6")).isEqualTo(Claim.CLAIMED);
	}

	private WebhookMessage message(String id) {
		HttpHeaders headers = new HttpHeaders();
		headers.add("webhook-id", id);
		return new WebhookMessage(id, "migration.completed", Instant.parse("2026-01-01T09:59:58Z"), "anon", headers,
				"{\"type\":\"migration.completed\"}".getBytes(StandardCharsets.UTF_8));
	}

	static final class MutableClock extends Clock {

		private volatile Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneId.of("UTC");
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
