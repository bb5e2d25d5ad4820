package dev.webhooks.endpoint;

import java.util.List;
import java.util.Optional;

/**
 * Storage of {@link WebhookEndpoint endpoints}. The JDBC implementation lives in {@code dev.webhooks.store}.
 * A deleted endpoint is no longer returned by any method; its delivery history stays until it is purged.
 */
public interface EndpointRepository {

	/**
	 * Insert an endpoint, or replace the one with the same id (a deleted one comes back).
	 * @param endpoint the endpoint
	 */
	void save(WebhookEndpoint endpoint);

	/**
	 * One endpoint.
	 * @param id the endpoint id
	 * @return the endpoint, unless unknown or deleted
	 */
	Optional<WebhookEndpoint> findById(String id);

	/**
	 * The endpoints of a tenant, oldest first.
	 * @param tenantId the tenant, or {@code null} for the endpoints of no tenant
	 * @return the endpoints
	 */
	List<WebhookEndpoint> findByTenant(String tenantId);

	/**
	 * The enabled endpoints of a tenant: the candidates for an event of that tenant.
	 * @param tenantId the tenant, or {@code null} for the endpoints of no tenant
	 * @return the endpoints
	 */
	List<WebhookEndpoint> findEnabledByTenant(String tenantId);

	/**
	 * Every endpoint, oldest first.
	 * @return the endpoints
	 */
	List<WebhookEndpoint> findAll();

	/**
	 * Delete an endpoint; its pending deliveries are no longer sent.
	 * @param id the endpoint id
	 * @return {@code true} when it existed
	 */
	boolean delete(String id);

}
