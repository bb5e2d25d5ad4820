package dev.webhooks.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.webhooks.delivery.DeliveryAttempt;
import dev.webhooks.delivery.DeliveryOutcome;
import dev.webhooks.delivery.DeliveryStatus;

/**
 * The values an outcome writes to its delivery row. A {@code null} leaves the column as it is. On H2, most outcomes
 * of a batch write the same values (succeeded at the first attempt with the same status code), so the rows that
 * share them are updated by one statement; PostgreSQL updates a batch's rows with one statement that reads each
 * row's values from arrays.
 *
 * @param status the new status
 * @param attempts the attempts made, or {@code null}
 * @param nextAttemptAt when a pending delivery is due, or {@code null}
 * @param statusCode the last HTTP status, or {@code null}
 * @param completedAt when a finished delivery finished; {@code null} for a pending one
 */
record DeliveryUpdate(String status, Integer attempts, Instant nextAttemptAt, Integer statusCode,
		Instant completedAt) {

	/**
	 * The update of each delivery. Outcomes of one delivery are folded in order, so the result is the same as
	 * writing them one after another.
	 * @param outcomes the outcomes, in the order they happened
	 * @param now the completion time of finished deliveries
	 * @return each delivery's update, by delivery id, in the order the deliveries first appear
	 */
	static Map<String, DeliveryUpdate> byDelivery(List<DeliveryOutcome> outcomes, Instant now) {
		Map<String, DeliveryUpdate> byDelivery = new LinkedHashMap<>();
		for (DeliveryOutcome outcome : outcomes) {
			DeliveryUpdate update = of(outcome, now);
			byDelivery.merge(outcome.deliveryId(), update, (earlier, later) -> later.after(earlier));
		}
		return byDelivery;
	}

	/**
	 * The deliveries to update, grouped by the values they get.
	 * @param byDelivery each delivery's update ({@link #byDelivery})
	 * @return the delivery ids of each distinct update
	 */
	static Map<DeliveryUpdate, List<String>> groupedByValues(Map<String, DeliveryUpdate> byDelivery) {
		Map<DeliveryUpdate, List<String>> grouped = new LinkedHashMap<>();
		byDelivery.forEach((id, update) -> grouped.computeIfAbsent(update, (key) -> new ArrayList<>()).add(id));
		return grouped;
	}

	private static DeliveryUpdate of(DeliveryOutcome outcome, Instant now) {
		DeliveryAttempt attempt = outcome.attempt();
		boolean pending = outcome.status() == DeliveryStatus.PENDING;
		return new DeliveryUpdate(outcome.status().name(), (attempt != null) ? attempt.attemptNumber() : null,
				pending ? outcome.nextAttemptAt() : null,
				(attempt != null && attempt.statusCode() > 0) ? attempt.statusCode() : null, pending ? null : now);
	}

	/** This update applied on top of an earlier one: the columns this one leaves alone keep the earlier values. */
	private DeliveryUpdate after(DeliveryUpdate earlier) {
		return new DeliveryUpdate(this.status, (this.attempts != null) ? this.attempts : earlier.attempts,
				(this.nextAttemptAt != null) ? this.nextAttemptAt : earlier.nextAttemptAt,
				(this.statusCode != null) ? this.statusCode : earlier.statusCode, this.completedAt);
	}

	/**
	 * Bind the values as the first parameters of the update statement.
	 * @param ps the statement
	 * @return the index of the first id parameter
	 * @throws SQLException if binding fails
	 */
	int bind(PreparedStatement ps) throws SQLException {
		ps.setString(1, this.status);
		setInteger(ps, 2, this.attempts);
		JdbcTimestamps.set(ps, 3, this.nextAttemptAt);
		setInteger(ps, 4, this.statusCode);
		JdbcTimestamps.set(ps, 5, this.completedAt);
		return 6;
	}

	private static void setInteger(PreparedStatement ps, int index, Integer value) throws SQLException {
		if (value == null) {
			ps.setNull(index, Types.INTEGER);
		}
		else {
			ps.setInt(index, value);
		}
	}

}
