/**
 * The URL guard: which URLs, host names and resolved addresses an outgoing webhook may reach (HTTPS only, no
 * loopback, private, link-local or metadata addresses, no user-info), so that a customer's endpoint cannot be
 * used to reach inside the network. Plain JDK, no Spring: usable and testable anywhere.
 */
package dev.webhooks.urlguard;
