/**
 * Delivery: the delivery and attempt model and its repository interface, the dispatcher, the poller, the retry
 * policy, the HTTP transport and the metrics.
 */
package dev.webhooks.delivery;
