package dev.webhooks.publish;

/**
 * Publishes webhook events: stores the event and one delivery per subscribed endpoint in the application's
 * database, in the caller's transaction when there is one, and hands the deliveries to the delivery engine after
 * the commit. A rollback sends nothing.
 * <pre class="code">
 * String id = publisher.publish("migration.completed", migration);
 * publisher.publish(PublishRequest.builder("migration.failed").data(migration).tenant(migration.tenantId())
 *         .text("❌ Migration " + migration.id() + " failed").errorMessage(error).build());
 * </pre>
 */
public interface WebhookPublisher {

	/**
	 * Publish an event.
	 * @param message the event
	 * @return the event id ({@code evt_…}); for a repeated idempotency key, the first event's id
	 * @throws dev.webhooks.event.UndeclaredEventTypeException when the type is not declared and undeclared types
	 * are refused
	 */
	String publish(PublishRequest message);

	/**
	 * Publish an event of no tenant.
	 * @param type the event type
	 * @param data the payload
	 * @return the event id
	 */
	default String publish(String type, Object data) {
		return publish(PublishRequest.builder(type).data(data).build());
	}

	/**
	 * Publish an event of a tenant.
	 * @param type the event type
	 * @param data the payload
	 * @param tenantId the tenant whose endpoints receive it
	 * @return the event id
	 */
	default String publish(String type, Object data, String tenantId) {
		return publish(PublishRequest.builder(type).data(data).tenant(tenantId).build());
	}

}
