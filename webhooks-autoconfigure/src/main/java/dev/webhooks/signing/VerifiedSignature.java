package dev.webhooks.signing;

import java.time.Instant;

/**
 * What a verified signature vouches for.
 *
 * @param messageId the message id from the headers, or {@code null} when the scheme carries none
 * @param timestamp the signed timestamp
 */
public record VerifiedSignature(String messageId, Instant timestamp) {
}
