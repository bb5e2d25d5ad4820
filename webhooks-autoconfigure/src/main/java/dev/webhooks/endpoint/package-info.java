/**
 * Subscriber endpoints: the model, its repository interface, subscriptions by event-type pattern, tenants, and
 * their management. URLs are checked with the guard of {@code dev.webhooks.urlguard}.
 */
package dev.webhooks.endpoint;
