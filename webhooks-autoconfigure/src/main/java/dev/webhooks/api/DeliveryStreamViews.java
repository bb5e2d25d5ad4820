package dev.webhooks.api;

import dev.webhooks.api.ApiResponses.DeliveryView;
import dev.webhooks.delivery.DeliveryRecord;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code data} of a stream's {@code delivery} event: the delivery's item of the delivery log
 * ({@code GET {base}/{endpoint_id}/events}), field for field, with its {@code endpoint_id}.
 */
public final class DeliveryStreamViews {

	private final JsonMapper mapper;

	/**
	 * Create the views.
	 * @param mapper writes the JSON
	 */
	public DeliveryStreamViews(JsonMapper mapper) {
		this.mapper = mapper;
	}

	String json(DeliveryRecord delivery) {
		ObjectNode item = this.mapper.valueToTree(DeliveryView.of(delivery, null));
		item.put("endpoint_id", delivery.endpointId());
		return this.mapper.writeValueAsString(item);
	}

}
