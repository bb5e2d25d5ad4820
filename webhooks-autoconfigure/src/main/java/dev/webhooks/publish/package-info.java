/**
 * Publishing: {@code WebhookPublisher}, the {@code @WebhookEvent} method advice and application-event bridge,
 * and the outbox write.
 */
package dev.webhooks.publish;
