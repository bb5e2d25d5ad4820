/**
 * The event envelope, event-type names and patterns ({@code lead.*}), the event-type catalog and
 * {@code @WebhookEvent}. Uses Jackson only.
 */
package dev.webhooks.event;
