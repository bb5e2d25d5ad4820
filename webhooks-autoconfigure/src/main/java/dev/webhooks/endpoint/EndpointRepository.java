package dev.webhooks.endpoint;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Storage of {@link WebhookEndpoint endpoints}. The JDBC implementation lives in {@code dev.webhooks.store}.
 * A deleted endpoint is no longer returned by any method; its delivery history stays until it is purged.
 * <p>
 * The repository also keeps each endpoint's delivery health for the delivery engine: since when its deliveries
 * have been dying with no success in between, and whether the engine disabled it. The engine writes that health
 * in the transaction that writes the outcomes it comes from.
 */
public interface EndpointRepository {

	/**
	 * Insert an endpoint, or replace the one with the same id (a deleted one comes back).
	 * @param endpoint the endpoint
	 */
	void save(WebhookEndpoint endpoint);

	/**
	 * Insert a new endpoint unless its tenant already has {@code limit} endpoints (disabled ones count, deleted
	 * ones do not). A store shared by several instances makes the count and the insert one step, so that two
	 * creates for one tenant at the same moment cannot both pass; {@link WebhookEndpoints} already serialises the
	 * creates of a tenant within one process, which is all that this default (count, then save) relies on.
	 * @param endpoint the endpoint, whose id is new
	 * @param limit the most endpoints its tenant may have, above 0
	 * @return {@code true} when it was inserted, {@code false} when the tenant is at its limit
	 */
	default boolean insertWithinLimit(WebhookEndpoint endpoint, int limit) {
		if (findByTenant(endpoint.tenantId()).size() >= limit) {
			return false;
		}
		save(endpoint);
		return true;
	}

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

	/**
	 * Record what a batch of delivery outcomes says about endpoints: those with a dead delivery are failing from
	 * the given time on, unless they are failing already; those with a successful delivery are failing no more.
	 * Nothing is written for empty collections.
	 * @param succeeded the endpoints whose last delivery in the batch succeeded
	 * @param dead the endpoints whose last delivery in the batch died
	 * @param at when
	 */
	void recordDeliveryHealth(Collection<String> succeeded, Collection<String> dead, Instant at);

	/**
	 * Disable endpoints that are enabled; one that is disabled already keeps its reason.
	 * @param ids the endpoint ids
	 * @param reason the reason to record
	 * @param at when
	 */
	void disable(Collection<String> ids, String reason, Instant at);

	/**
	 * Disable the enabled endpoints failing (see {@link #recordDeliveryHealth}) since before the cut-off. An
	 * endpoint that is saved enabled again starts with a clean record.
	 * @param cutoff endpoints failing since before this are disabled
	 * @param reason the reason to record
	 * @param at when
	 * @return the ids of the endpoints disabled by this call
	 */
	List<String> disableFailingSince(Instant cutoff, String reason, Instant at);

}
