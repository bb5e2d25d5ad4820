package dev.webhooks.delivery;

import java.util.Collection;
import java.util.List;

/**
 * The changes of deliveries as the database holds them, for live views on every instance: deliveries created, and
 * deliveries that had an attempt, since a {@link DeliveryFeedPosition}. It reads the store, not in-process events,
 * so a change made by another instance on the same database is found too. The JDBC implementation lives in
 * {@code dev.webhooks.store}.
 */
public interface DeliveryFeed {

	/**
	 * Where the feed stands now: every change already made is before it.
	 * @return the position
	 */
	DeliveryFeedPosition head();

	/**
	 * The deliveries of the given tenants created, or attempted, after a position: each once, in its current state,
	 * in feed order (created ones first, by creation; then attempted ones, by their newest attempt).
	 * @param tenants the tenants; a {@code null} element stands for the endpoints of no tenant
	 * @param after the position
	 * @param limit the most deliveries of each kind (created, attempted) to read
	 * @return the changes, each with the position just after it
	 */
	List<DeliveryChange> changesSince(Collection<String> tenants, DeliveryFeedPosition after, int limit);

}
