/**
 * Receiving: {@code @WebhookListener}, its bean post-processor and registry, the receiving endpoint, and the
 * idempotency-store interface.
 */
package dev.webhooks.receive;
