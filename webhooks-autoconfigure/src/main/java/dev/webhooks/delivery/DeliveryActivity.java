package dev.webhooks.delivery;

import java.time.Instant;
import java.util.List;

/**
 * How many deliveries a tenant's endpoints got per minute, by their status now: what the dashboard's activity
 * chart draws. A read model next to {@link DeliveryLog}; the JDBC implementation lives in {@code dev.webhooks.store}.
 */
public interface DeliveryActivity {

	/**
	 * The deliveries to a tenant's endpoints created in a window, counted per minute of their creation and status.
	 * @param tenantId the tenant, or {@code null} for the endpoints of no tenant
	 * @param since the start of the window, inclusive
	 * @param until the end of the window, exclusive
	 * @return one count per minute and status that has any, in no particular order
	 */
	List<MinuteCount> countPerMinute(String tenantId, Instant since, Instant until);

	/**
	 * The deliveries of one status created in one minute.
	 *
	 * @param minute the start of the minute
	 * @param status the status the deliveries have now
	 * @param count how many
	 */
	record MinuteCount(Instant minute, DeliveryStatus status, long count) {
	}

}
