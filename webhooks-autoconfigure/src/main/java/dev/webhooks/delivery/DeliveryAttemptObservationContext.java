package dev.webhooks.delivery;

import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;

/**
 * The {@link io.micrometer.observation.Observation.Context} of one delivery attempt. It is a receiver context whose
 * carrier is the {@link DeliveryTask}: a tracing handler reads the publish's {@code traceparent}, stored with the
 * event, from it, so the attempt's span is a child of the publish's span, in the same trace, whichever instance
 * makes the attempt and however long after the publish. The outbox is a queue, and an attempt is its consumer.
 */
public class DeliveryAttemptObservationContext extends ReceiverContext<DeliveryTask> {

	/** The propagation field the stored trace context is read as. */
	public static final String TRACE_PARENT = "traceparent";

	private final DeliveryTask task;

	private AttemptResult result;

	private Integer statusCode;

	/**
	 * A context for an attempt of a delivery.
	 * @param task the delivery
	 */
	public DeliveryAttemptObservationContext(DeliveryTask task) {
		super((carrier, key) -> TRACE_PARENT.equalsIgnoreCase(key) ? carrier.traceParent() : null, Kind.CONSUMER);
		this.task = task;
		setCarrier(task);
		setRemoteServiceName("webhooks-outbox");
	}

	/**
	 * The delivery attempted.
	 * @return the task
	 */
	public DeliveryTask getTask() {
		return this.task;
	}

	/**
	 * What the attempt led to, once it ended.
	 * @return the result, or {@code null} while it runs
	 */
	public AttemptResult getResult() {
		return this.result;
	}

	/**
	 * Set what the attempt led to.
	 * @param result the result
	 */
	public void setResult(AttemptResult result) {
		this.result = result;
	}

	/**
	 * The HTTP status the endpoint answered.
	 * @return the status, or {@code null} when there was no response
	 */
	public Integer getStatusCode() {
		return this.statusCode;
	}

	/**
	 * Set the HTTP status the endpoint answered.
	 * @param statusCode the status, or {@code null} when there was no response
	 */
	public void setStatusCode(Integer statusCode) {
		this.statusCode = statusCode;
	}

}
