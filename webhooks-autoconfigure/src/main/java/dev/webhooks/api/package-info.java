/**
 * The management REST API: what an application offers its own customers to register endpoints, rotate their
 * secrets, send test events, and read and replay the delivery log, each call scoped to the caller's tenant
 * ({@link dev.webhooks.api.WebhookTenantResolver}); errors are RFC 9457 problem details.
 */
package dev.webhooks.api;
