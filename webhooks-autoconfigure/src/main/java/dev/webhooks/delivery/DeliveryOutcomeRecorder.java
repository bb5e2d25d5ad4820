package dev.webhooks.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.webhooks.endpoint.EndpointRepository;

import org.springframework.transaction.support.TransactionOperations;

/**
 * Writes a batch of delivery outcomes where each part belongs, in one transaction: the deliveries and their
 * attempts through the {@link DeliveryRepository}, and what the outcomes say about their endpoints through the
 * {@link EndpointRepository}: an endpoint whose last delivery in the batch died is failing (since now, unless it
 * was already), one whose last delivery succeeded is failing no more, and one that answered {@code 410 Gone} is
 * disabled.
 */
public final class DeliveryOutcomeRecorder {

	/** Why an endpoint that answered {@code 410 Gone} is disabled. */
	public static final String GONE_REASON = "The endpoint answered 410 Gone";

	private final DeliveryRepository deliveries;

	private final EndpointRepository endpoints;

	private final TransactionOperations transactions;

	private final Clock clock;

	/**
	 * Create a recorder.
	 * @param deliveries where deliveries and attempts are written
	 * @param endpoints where endpoint health is written
	 * @param transactions the transaction both writes share; the repositories join it
	 * @param clock the clock for the time an endpoint starts failing or is disabled
	 */
	public DeliveryOutcomeRecorder(DeliveryRepository deliveries, EndpointRepository endpoints,
			TransactionOperations transactions, Clock clock) {
		this.deliveries = deliveries;
		this.endpoints = endpoints;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Write a batch of outcomes.
	 * @param outcomes the outcomes, in the order they happened
	 */
	public void record(Collection<DeliveryOutcome> outcomes) {
		if (outcomes.isEmpty()) {
			return;
		}
		// the last outcome of an endpoint in this batch decides whether it is failing
		Map<String, DeliveryStatus> health = new LinkedHashMap<>();
		List<String> gone = new ArrayList<>();
		for (DeliveryOutcome outcome : outcomes) {
			if (outcome.status() == DeliveryStatus.SUCCEEDED || outcome.status() == DeliveryStatus.DEAD) {
				health.put(outcome.endpointId(), outcome.status());
			}
			if (outcome.disableEndpoint() && !gone.contains(outcome.endpointId())) {
				gone.add(outcome.endpointId());
			}
		}
		this.transactions.executeWithoutResult((status) -> {
			this.deliveries.recordOutcomes(outcomes);
			Instant now = this.clock.instant();
			this.endpoints.recordDeliveryHealth(endpointsWith(health, DeliveryStatus.SUCCEEDED),
					endpointsWith(health, DeliveryStatus.DEAD), now);
			if (!gone.isEmpty()) {
				this.endpoints.disable(gone, GONE_REASON, now);
			}
		});
	}

	private static List<String> endpointsWith(Map<String, DeliveryStatus> health, DeliveryStatus status) {
		return health.entrySet().stream().filter((e) -> e.getValue() == status).map(Map.Entry::getKey).toList();
	}

}
