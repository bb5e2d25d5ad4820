package dev.webhooks.delivery;

import java.util.List;

/**
 * One page of a {@link DeliveryLog} read, newest first.
 *
 * @param items the rows
 * @param more whether more rows lie beyond the page in the direction it was read (older rows, or newer ones for a
 * page read towards newer rows)
 * @param <T> the row type
 */
public record DeliveryLogPage<T>(List<T> items, boolean more) {

	public DeliveryLogPage {
		items = List.copyOf(items);
	}

}
