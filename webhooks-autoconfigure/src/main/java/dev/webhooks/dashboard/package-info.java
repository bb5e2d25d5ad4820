/**
 * The event log and replay page: a page of plain ES modules and CSS shipped in the jar, served at
 * {@code webhooks.dashboard.path} with a strict Content-Security-Policy, which reads nothing but the management
 * API. Portal links to it for a tenant come from the API's portal sessions.
 */
package dev.webhooks.dashboard;
