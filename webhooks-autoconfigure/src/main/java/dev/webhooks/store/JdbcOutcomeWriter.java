package dev.webhooks.store;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import dev.webhooks.delivery.DeliveryAttempt;
import dev.webhooks.delivery.DeliveryOutcome;

import org.springframework.transaction.support.TransactionOperations;

/**
 * Writes the outcomes of a batch in one transaction: each delivery's new status, attempt count, due time and
 * status code (its lease released), and the attempt log rows, in as few statements as the database allows
 * ({@link StoreDialect#updateDeliveries}, {@link StoreDialect#insertAttempts}).
 */
final class JdbcOutcomeWriter {

	private final TransactionOperations transactions;

	private final StoreDialect dialect;

	private final Clock clock;

	JdbcOutcomeWriter(TransactionOperations transactions, StoreDialect dialect, Clock clock) {
		this.transactions = transactions;
		this.dialect = dialect;
		this.clock = clock;
	}

	void recordOutcomes(Collection<DeliveryOutcome> outcomes) {
		if (outcomes.isEmpty()) {
			return;
		}
		List<DeliveryOutcome> all = List.copyOf(outcomes);
		List<DeliveryAttempt> attempts = all.stream().map(DeliveryOutcome::attempt).filter((a) -> a != null).toList();
		Map<String, DeliveryUpdate> updates = DeliveryUpdate.byDelivery(all, this.clock.instant());
		this.transactions.executeWithoutResult((status) -> {
			this.dialect.updateDeliveries(updates);
			if (!attempts.isEmpty()) {
				this.dialect.insertAttempts(attempts);
			}
		});
	}

}
