package dev.webhooks.endpoint;

import dev.webhooks.signing.WebhookSecret;

/**
 * A newly created endpoint, or one whose secret was just rotated, with its new signing secret: the one moment the
 * secret is handed out. Its {@code toString()} does not show the secret.
 *
 * @param endpoint the endpoint
 * @param secret the new current {@code whsec_} secret; {@link WebhookSecret#reveal()} gives its text. {@code null}
 * when none was made: an endpoint that signs {@code v1a} only (its private key is never handed out; receivers need
 * only {@link WebhookEndpoint#publicKey()})
 */
public record CreatedEndpoint(WebhookEndpoint endpoint, WebhookSecret secret) {
}
