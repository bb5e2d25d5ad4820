/**
 * Webhook secrets and signature schemes: Standard Webhooks ({@code v1,<base64>}) and the timestamped hex
 * scheme ({@code t=…,v1=<hex>}). Plain JDK, no Spring, so it can be used and tested anywhere.
 */
package dev.webhooks.signing;
