/**
 * Subscriber endpoints: the model, its repository interface, subscriptions by event-type pattern, tenants, their
 * management ({@code WebhookEndpoints}) and the lookup of an event's subscribers on the publish path
 * ({@code WebhookSubscribers}). URLs are checked with the guard of {@code dev.webhooks.urlguard}.
 */
package dev.webhooks.endpoint;
