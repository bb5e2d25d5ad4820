package dev.webhooks.delivery;

/**
 * How an attempt was signed, as the delivery log records it: the scheme's name and the headers its signature
 * went out in, so a receiver's "no signature header" complaint can be checked against what was sent.
 *
 * @param scheme the scheme's configuration name, for example {@code timestamped-hex}
 * @param headers the names of the signature headers sent, comma-separated in the order sent, for example
 * {@code Anvil-Event-Id,Anvil-Signature}
 */
public record AttemptSignature(String scheme, String headers) {
}
