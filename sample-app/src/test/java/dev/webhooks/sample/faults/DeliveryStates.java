package dev.webhooks.sample.faults;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/**
 * What became of the deliveries in the sample's database: how many are in each status, and how many attempts
 * they took.
 * @param byStatus the number of deliveries per status ({@code SUCCEEDED}, {@code PENDING}, {@code DEAD}, ...)
 * @param byAttempts the number of deliveries per number of attempts
 */
record DeliveryStates(Map<String, Long> byStatus, Map<Integer, Long> byAttempts) {

	static DeliveryStates read(Connection connection) throws SQLException {
		Map<String, Long> byStatus = new TreeMap<>();
		Map<Integer, Long> byAttempts = new TreeMap<>();
		try (connection; Statement statement = connection.createStatement()) {
			try (ResultSet rows = statement.executeQuery("SELECT status, COUNT(*) FROM webhook_delivery GROUP BY status")) {
				while (rows.next()) {
					byStatus.put(rows.getString(1), rows.getLong(2));
				}
			}
			try (ResultSet rows = statement
				.executeQuery("SELECT attempts, COUNT(*) FROM webhook_delivery GROUP BY attempts")) {
				while (rows.next()) {
					byAttempts.put(rows.getInt(1), rows.getLong(2));
				}
			}
		}
		return new DeliveryStates(byStatus, byAttempts);
	}

	long count(String status) {
		return this.byStatus.getOrDefault(status, 0L);
	}

}
