package dev.webhooks.receive;

/**
 * The answer to a received request.
 *
 * @param outcome what happened, which gives the status
 * @param detail a sentence for the problem detail of an error answer, never containing a secret; {@code null}
 * for a success
 */
public record ReceiveResult(ReceiveOutcome outcome, String detail) {

	static ReceiveResult of(ReceiveOutcome outcome) {
		return new ReceiveResult(outcome, null);
	}

}
