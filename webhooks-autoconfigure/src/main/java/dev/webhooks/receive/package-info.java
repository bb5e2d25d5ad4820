/**
 * Receiving, on the model of spring-kafka's {@code @KafkaListener}: the {@code @WebhookListener} annotation, its
 * bean post-processor, the {@link dev.webhooks.receive.WebhookListenerRegistry registry} of
 * {@link dev.webhooks.receive.WebhookListenerMethod listener methods}, their argument resolvers, the synchronous
 * and asynchronous invokers, the receiving routes, and the idempotency-store and inbox interfaces.
 */
package dev.webhooks.receive;
