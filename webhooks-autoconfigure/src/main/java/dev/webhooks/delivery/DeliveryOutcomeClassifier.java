package dev.webhooks.delivery;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import dev.webhooks.urlguard.UnsafeUrlException;

/**
 * Turns what an attempt got (a response or an error) into the delivery's next state: 2xx succeeds; network
 * errors, 5xx, 408, 429 and other non-2xx answers are retried while the {@link RetryPolicy} has attempts left
 * (honouring {@code Retry-After} up to a cap) and are dead after the last one; any other 4xx fails at once, and
 * 410 Gone disables the endpoint as well. An address the URL guard refuses fails at once too.
 */
public class DeliveryOutcomeClassifier {

	private final RetryPolicy retryPolicy;

	private final Duration retryAfterCap;

	private final Duration timeout;

	/**
	 * Create a classifier.
	 * @param retryPolicy when to retry
	 * @param retryAfterCap the longest delay a {@code Retry-After} header may ask for
	 * @param timeout the per-attempt timeout, for error messages
	 */
	public DeliveryOutcomeClassifier(RetryPolicy retryPolicy, Duration retryAfterCap, Duration timeout) {
		this.retryPolicy = retryPolicy;
		this.retryAfterCap = retryAfterCap;
		this.timeout = timeout;
	}

	/**
	 * Classify an attempt that got a response.
	 * @param task the delivery as it was before the attempt
	 * @param startedAt when the attempt started
	 * @param endedAt when the response arrived
	 * @param response the response
	 * @return the outcome and what it counts as
	 */
	public Classification classify(DeliveryTask task, Instant startedAt, Instant endedAt, WebhookResponse response) {
		return classify(task, null, startedAt, endedAt, response);
	}

	/**
	 * Classify an attempt that got a response, recording how its request was signed.
	 * @param task the delivery as it was before the attempt
	 * @param signature how the request was signed, or {@code null}
	 * @param startedAt when the attempt started
	 * @param endedAt when the response arrived
	 * @param response the response
	 * @return the outcome and what it counts as
	 */
	public Classification classify(DeliveryTask task, AttemptSignature signature, Instant startedAt, Instant endedAt,
			WebhookResponse response) {
		int status = response.statusCode();
		DeliveryAttempt attempt = new DeliveryAttempt(task.deliveryId(), task.attemptsMade() + 1, startedAt,
				Duration.between(startedAt, endedAt), status, response.body(), null, signature);
		if (status >= 200 && status < 300) {
			return settled(task, DeliveryStatus.SUCCEEDED, attempt, false, AttemptResult.DELIVERED);
		}
		if (status >= 400 && status < 500 && status != 408 && status != 429) {
			return settled(task, DeliveryStatus.FAILED, attempt, status == 410, AttemptResult.FAILED);
		}
		Optional<Duration> retryAfter = RetryAfter.parse(response.header("Retry-After"), endedAt);
		return retry(task, attempt, endedAt, retryAfter);
	}

	/**
	 * Classify an attempt that got no response.
	 * @param task the delivery as it was before the attempt
	 * @param startedAt when the attempt started
	 * @param endedAt when it failed
	 * @param error what went wrong
	 * @return the outcome and what it counts as
	 */
	public Classification classify(DeliveryTask task, Instant startedAt, Instant endedAt, Throwable error) {
		return classify(task, null, startedAt, endedAt, error);
	}

	/**
	 * Classify an attempt that got no response, recording how its request was signed.
	 * @param task the delivery as it was before the attempt
	 * @param signature how the request was signed, or {@code null} when it was never signed
	 * @param startedAt when the attempt started
	 * @param endedAt when it failed
	 * @param error what went wrong
	 * @return the outcome and what it counts as
	 */
	public Classification classify(DeliveryTask task, AttemptSignature signature, Instant startedAt, Instant endedAt,
			Throwable error) {
		Throwable cause = unwrap(error);
		UnsafeUrlException refused = find(cause, UnsafeUrlException.class);
		DeliveryAttempt attempt = new DeliveryAttempt(task.deliveryId(), task.attemptsMade() + 1, startedAt,
				Duration.between(startedAt, endedAt), 0, null, describe(cause, refused), signature);
		if (refused != null || cause instanceof IllegalArgumentException) {
			return settled(task, DeliveryStatus.FAILED, attempt, false, AttemptResult.FAILED);
		}
		return retry(task, attempt, endedAt, Optional.empty());
	}

	private Classification retry(DeliveryTask task, DeliveryAttempt attempt, Instant endedAt,
			Optional<Duration> retryAfter) {
		Optional<Duration> delay = this.retryPolicy.delayAfter(attempt.attemptNumber());
		if (delay.isEmpty()) {
			return settled(task, DeliveryStatus.DEAD, attempt, false, AttemptResult.DEAD);
		}
		Duration wait = delay.get();
		if (retryAfter.isPresent()) {
			Duration asked = (retryAfter.get().compareTo(this.retryAfterCap) > 0) ? this.retryAfterCap
					: retryAfter.get();
			if (asked.compareTo(wait) > 0) {
				wait = asked;
			}
		}
		DeliveryOutcome outcome = new DeliveryOutcome(task.deliveryId(), task.endpointId(), DeliveryStatus.PENDING,
				endedAt.plus(wait), attempt, false);
		return new Classification(outcome, AttemptResult.RETRIED, wait);
	}

	private static Classification settled(DeliveryTask task, DeliveryStatus status, DeliveryAttempt attempt,
			boolean disable, AttemptResult result) {
		return new Classification(new DeliveryOutcome(task.deliveryId(), task.endpointId(), status, null, attempt,
				disable), result, null);
	}

	private String describe(Throwable cause, UnsafeUrlException refused) {
		if (refused != null) {
			return "Refused by the URL guard: " + refused.getMessage();
		}
		if (cause instanceof TimeoutException || cause instanceof CancellationException
				|| cause instanceof java.net.SocketTimeoutException) {
			return "Timed out after " + this.timeout.toMillis() + " ms";
		}
		if (cause instanceof ConnectException) {
			return "Connection refused" + messageOf(cause);
		}
		if (cause instanceof UnknownHostException) {
			return "Unknown host" + messageOf(cause);
		}
		return cause.getClass().getSimpleName() + messageOf(cause);
	}

	private static String messageOf(Throwable cause) {
		return (cause.getMessage() != null) ? ": " + cause.getMessage() : "";
	}

	private static Throwable unwrap(Throwable error) {
		Throwable current = error;
		while ((current instanceof CompletionException || current instanceof ExecutionException)
				&& current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

	private static <T extends Throwable> T find(Throwable error, Class<T> type) {
		for (Throwable current = error; current != null; current = current.getCause()) {
			if (type.isInstance(current)) {
				return type.cast(current);
			}
			if (current.getCause() == current) {
				break;
			}
		}
		return null;
	}

	/**
	 * A classified attempt.
	 *
	 * @param outcome the outcome to record
	 * @param result what it counts as
	 * @param retryDelay the delay before the next attempt, for {@link AttemptResult#RETRIED}; otherwise
	 * {@code null}
	 */
	public record Classification(DeliveryOutcome outcome, AttemptResult result, Duration retryDelay) {
	}

}
