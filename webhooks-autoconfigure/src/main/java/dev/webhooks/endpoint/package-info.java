/**
 * Subscriber endpoints: the model, its repository interface, subscriptions by event-type pattern, tenants, and
 * the URL guard that keeps deliveries away from internal addresses.
 */
package dev.webhooks.endpoint;
