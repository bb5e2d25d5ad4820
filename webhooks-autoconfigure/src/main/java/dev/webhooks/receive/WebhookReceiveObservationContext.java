package dev.webhooks.receive;

import io.micrometer.observation.Observation;

/**
 * The {@link Observation.Context} of one received webhook request: its source and what became of it. It runs
 * inside the HTTP server's own observation, so its span is a child of the request's span.
 */
public class WebhookReceiveObservationContext extends Observation.Context {

	private final String source;

	private ReceiveOutcome outcome;

	/**
	 * A context for a request to a source.
	 * @param source the configured source's name, or {@code unknown} for a path no source is configured at
	 */
	public WebhookReceiveObservationContext(String source) {
		this.source = source;
	}

	/**
	 * The source's name.
	 * @return the name, {@code unknown} for a request to no configured source
	 */
	public String getSource() {
		return this.source;
	}

	/**
	 * What became of the request, once answered.
	 * @return the outcome, or {@code null} before
	 */
	public ReceiveOutcome getOutcome() {
		return this.outcome;
	}

	/**
	 * Set what became of the request.
	 * @param outcome the outcome
	 */
	public void setOutcome(ReceiveOutcome outcome) {
		this.outcome = outcome;
	}

}
