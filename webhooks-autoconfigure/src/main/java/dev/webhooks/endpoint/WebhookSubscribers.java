package dev.webhooks.endpoint;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.webhooks.event.EventTypePattern;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Finds the subscribers of an event on the publish path: the enabled endpoints of the event's tenant whose
 * patterns match its type. An event of tenant T goes only to endpoints of tenant T; an event of no tenant goes
 * only to endpoints of no tenant.
 * <p>
 * Each tenant's enabled endpoints may be kept for a short time ({@code cacheTtl}), so that publishing does not
 * query the endpoint table for every group of events. {@link WebhookEndpoints} reports each of its changes with
 * {@link #endpointsChanged()}, so a change made through it is seen by the next publish once its transaction has
 * committed; {@link #evict()} is for changes made elsewhere on this instance (the delivery engine disabling an
 * endpoint); a change made by another instance is seen after at most the time to live.
 */
public class WebhookSubscribers {

	private final EndpointRepository repository;

	private final EnabledEndpointsCache enabledEndpoints;

	// bound to a transaction that changed endpoints, until it ends
	private final Object changedInTransaction = new Object();

	/**
	 * Create the lookup.
	 * @param repository where endpoints are stored
	 * @param cacheTtl how long a tenant's enabled endpoints are used before they are read again; zero reads them
	 * on every call
	 * @throws IllegalArgumentException if the time to live is negative
	 */
	public WebhookSubscribers(EndpointRepository repository, Duration cacheTtl) {
		this.repository = repository;
		this.enabledEndpoints = new EnabledEndpointsCache(cacheTtl);
	}

	/**
	 * The subscribers of an event: the enabled endpoints of its tenant whose patterns match its type.
	 * @param tenantId the event's tenant, or {@code null}
	 * @param eventType the event type
	 * @return the endpoints
	 */
	public List<WebhookEndpoint> subscribersOf(String tenantId, String eventType) {
		List<WebhookEndpoint> subscribers = new ArrayList<>();
		for (WebhookEndpoint endpoint : enabledEndpointsOf(tenantId)) {
			if (isSubscribed(endpoint, eventType)) {
				subscribers.add(endpoint);
			}
		}
		return subscribers;
	}

	/**
	 * Whether an endpoint's patterns match an event type; an endpoint with no patterns takes every type.
	 * @param endpoint the endpoint
	 * @param eventType the event type
	 * @return {@code true} when subscribed
	 */
	public static boolean isSubscribed(WebhookEndpoint endpoint, String eventType) {
		if (endpoint.eventTypes().isEmpty()) {
			return true;
		}
		for (String pattern : endpoint.eventTypes()) {
			if (EventTypePattern.of(pattern).matches(eventType)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Forget the enabled endpoints kept, after a change made other than through {@link WebhookEndpoints} (the
	 * delivery engine disabling an endpoint, say).
	 */
	public void evict() {
		this.enabledEndpoints.evictAll();
	}

	/**
	 * Report that endpoints were changed by the current thread: forget the enabled endpoints kept now and, inside
	 * a transaction, again when it ends. Until it ends, other threads must not be handed what this transaction has
	 * not committed, and this transaction reads the endpoint table itself, so that it sees its own changes.
	 */
	public void endpointsChanged() {
		this.enabledEndpoints.evictAll();
		if (TransactionSynchronizationManager.isSynchronizationActive()
				&& !TransactionSynchronizationManager.hasResource(this.changedInTransaction)) {
			TransactionSynchronizationManager.bindResource(this.changedInTransaction, Boolean.TRUE);
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCompletion(int status) {
					TransactionSynchronizationManager
						.unbindResourceIfPossible(WebhookSubscribers.this.changedInTransaction);
					WebhookSubscribers.this.enabledEndpoints.evictAll();
				}

			});
		}
	}

	private List<WebhookEndpoint> enabledEndpointsOf(String tenantId) {
		if (TransactionSynchronizationManager.hasResource(this.changedInTransaction)) {
			return this.repository.findEnabledByTenant(tenantId);
		}
		return this.enabledEndpoints.get(tenantId, this.repository::findEnabledByTenant);
	}

}
