package dev.webhooks.delivery;

import java.time.Instant;
import java.util.Set;

/**
 * Filters and page of a {@link DeliveryLog} read. {@code null} filters do not filter.
 *
 * @param statuses the statuses to keep; empty keeps every status
 * @param eventType the event type to keep
 * @param since the earliest creation time kept, inclusive
 * @param until the latest creation time kept, exclusive
 * @param position where the page starts, or {@code null} for the newest rows
 * @param limit the most rows in the page
 */
public record DeliveryLogQuery(Set<DeliveryStatus> statuses, String eventType, Instant since, Instant until,
		Position position, int limit) {

	public DeliveryLogQuery {
		statuses = (statuses != null) ? Set.copyOf(statuses) : Set.of();
		if (limit < 1) {
			throw new IllegalArgumentException("A page holds at least one row");
		}
	}

	/**
	 * A query for the newest rows, without filters.
	 * @param limit the most rows in the page
	 * @return the query
	 */
	public static DeliveryLogQuery newest(int limit) {
		return new DeliveryLogQuery(Set.of(), null, null, null, null, limit);
	}

	/**
	 * A point in the newest-first order of the log: the rows older than it ({@code newer = false}), or the rows
	 * newer than it ({@code newer = true}, the previous page).
	 *
	 * @param createdAt the creation time of the row at the point
	 * @param id the id of that row, which orders rows created at the same time
	 * @param newer whether the page holds the rows newer than the point
	 */
	public record Position(Instant createdAt, String id, boolean newer) {
	}

}
