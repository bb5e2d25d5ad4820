package dev.webhooks.endpoint;

import java.time.Duration;
import java.util.BitSet;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.springframework.dao.CannotAcquireLockException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The turns that the limited creates of a tenant take in this process, so that two of them cannot both count the
 * tenant's endpoints before either has inserted. Tenants share 64 turns by the hash of their id, so they seldom
 * wait for each other.
 * <p>
 * A create inside a transaction keeps its turn until that transaction completes, committed or rolled back: its
 * insert is not visible to other transactions before the commit, so a next create counting earlier would not see
 * it. PostgreSQL's advisory lock ({@code StoreDialect.lockTenantEndpoints}) already lasts until the commit; H2 has
 * no such lock, and this turn is what keeps its count right within one process. Later creates of the same
 * transaction go on in the turn it holds. Semaphores rather than locks, because a transaction may complete on
 * another thread than the one that took its turn.
 * <p>
 * A turn is waited for at most 10 seconds: two transactions each holding one tenant's turn and each wanting the
 * other's would otherwise wait for ever (PostgreSQL finds such a deadlock for its own locks; nothing finds it for
 * these), and so would a transaction waiting on a row that the holder of its turn waits on.
 */
final class TenantTurns {

	static final Duration WAIT = Duration.ofSeconds(10);

	private final Semaphore[] turns = new Semaphore[64];

	private volatile Duration wait = WAIT;

	TenantTurns() {
		for (int i = 0; i < this.turns.length; i++) {
			this.turns[i] = new Semaphore(1);
		}
	}

	/**
	 * Set how long a create waits for its turn: for tests, which should not wait 10 seconds to see it time out.
	 * @param wait the longest wait
	 */
	void setWait(Duration wait) {
		this.wait = Objects.requireNonNull(wait, "The wait must not be null");
	}

	/**
	 * Run a limited insert in the tenant's turn.
	 * @param tenantId the tenant, or {@code null}
	 * @param insert counts the tenant's endpoints and inserts one, or throws
	 * @throws CannotAcquireLockException when the turn did not come within 10 seconds (the management API answers
	 * 503 with a {@code Retry-After})
	 */
	void inTurn(String tenantId, Runnable insert) {
		int turn = Math.floorMod(Objects.hashCode(tenantId), this.turns.length);
		HeldTurns held = (HeldTurns) TransactionSynchronizationManager.getResource(this);
		if (held != null && held.turns.get(turn)) {
			insert.run();
			return;
		}
		take(turn, tenantId);
		boolean kept = false;
		try {
			insert.run();
			kept = keepUntilTransactionCompletes(held, turn);
		}
		finally {
			if (!kept) {
				this.turns[turn].release();
			}
		}
	}

	private void take(int turn, String tenantId) {
		Duration wait = this.wait;
		try {
			if (!this.turns[turn].tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new CannotAcquireLockException("Another create of an endpoint for tenant '" + tenantId
						+ "' (or one sharing its turn) did not complete within " + wait.toMillis() + " ms");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CannotAcquireLockException("Interrupted while waiting for the turn of tenant '" + tenantId
					+ "' to create an endpoint", ex);
		}
	}

	/**
	 * Hand a turn to the current transaction, if there is one, to give back when it completes.
	 * @return whether a transaction took it; without one, the insert has committed and the caller gives it back
	 */
	private boolean keepUntilTransactionCompletes(HeldTurns held, int turn) {
		if (!TransactionSynchronizationManager.isActualTransactionActive()
				|| !TransactionSynchronizationManager.isSynchronizationActive()) {
			return false;
		}
		if (held == null) {
			held = new HeldTurns();
			TransactionSynchronizationManager.registerSynchronization(held);
			TransactionSynchronizationManager.bindResource(this, held);
		}
		held.turns.set(turn);
		return true;
	}

	/** The turns one transaction holds, given back when it completes. */
	private final class HeldTurns implements TransactionSynchronization {

		private final BitSet turns = new BitSet(TenantTurns.this.turns.length);

		@Override
		public void suspend() {
			// a transaction of its own (REQUIRES_NEW) inside this one does not go on in this one's turns
			TransactionSynchronizationManager.unbindResource(TenantTurns.this);
		}

		@Override
		public void resume() {
			TransactionSynchronizationManager.bindResource(TenantTurns.this, this);
		}

		@Override
		public void afterCompletion(int status) {
			TransactionSynchronizationManager.unbindResourceIfPossible(TenantTurns.this);
			this.turns.stream().forEach((turn) -> TenantTurns.this.turns[turn].release());
			this.turns.clear();
		}

	}

}
