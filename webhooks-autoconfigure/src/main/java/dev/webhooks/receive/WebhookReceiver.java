package dev.webhooks.receive;

import java.time.Clock;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.webhooks.signing.VerifiedSignature;
import dev.webhooks.signing.WebhookHeaders;
import dev.webhooks.signing.WebhookVerificationException;

import org.springframework.http.HttpHeaders;

/**
 * What happens to a request once its source is known and its body read within the size limit: verify the
 * signature and timestamp, parse the envelope, de-duplicate on the message id, then call the listeners (or hand
 * the message to the {@link AsyncWebhookDispatcher} for an asynchronous source).
 */
public class WebhookReceiver {

	private static final Log logger = LogFactory.getLog(WebhookReceiver.class);

	private final WebhookListenerEndpointRegistry registry;

	private final IdempotencyStore store;

	private final JsonMapper mapper;

	private final WebhookListenerInvoker invoker;

	private final AsyncWebhookDispatcher dispatcher;

	private final Clock clock;

	/**
	 * Create a receiver.
	 * @param registry the listeners
	 * @param store the idempotency store
	 * @param mapper parses the body
	 * @param metrics times the listener calls
	 * @param dispatcher runs the listeners of asynchronous sources
	 * @param clock the clock the timestamp tolerance is measured on
	 */
	public WebhookReceiver(WebhookListenerEndpointRegistry registry, IdempotencyStore store, JsonMapper mapper,
			WebhookReceiverMetrics metrics, AsyncWebhookDispatcher dispatcher, Clock clock) {
		this.registry = registry;
		this.store = store;
		this.mapper = mapper;
		this.invoker = new WebhookListenerInvoker(metrics);
		this.dispatcher = dispatcher;
		this.clock = clock;
	}

	/**
	 * Handle a request.
	 * @param source the source it was posted to
	 * @param headers its headers
	 * @param body its body, already within the size limit
	 * @return the answer
	 */
	public ReceiveResult receive(WebhookSource source, HttpHeaders headers, byte[] body) {
		VerifiedSignature signature;
		try {
			signature = source.scheme()
				.verify(WebhookHeaders.from(headers::getFirst), body, source.secrets(), source.tolerance(), this.clock.instant());
		}
		catch (WebhookVerificationException ex) {
			ReceiveOutcome outcome = (ex.getReason() == WebhookVerificationException.Reason.TIMESTAMP_OUT_OF_TOLERANCE)
					? ReceiveOutcome.REJECTED_TIMESTAMP : ReceiveOutcome.REJECTED_SIGNATURE;
			if (logger.isDebugEnabled()) {
				logger.debug("Rejected a webhook from '" + source.name() + "': " + ex.getMessage());
			}
			return new ReceiveResult(outcome, ex.getMessage());
		}
		JsonNode envelope;
		try {
			envelope = this.mapper.readTree(body);
		}
		catch (JacksonException ex) {
			return new ReceiveResult(ReceiveOutcome.BAD_REQUEST, "The body is not JSON");
		}
		if (envelope == null || !envelope.isObject()) {
			return new ReceiveResult(ReceiveOutcome.BAD_REQUEST, "The body is not a JSON object");
		}
		JsonNode typeNode = envelope.get("type");
		if (typeNode == null || !typeNode.isString() || typeNode.stringValue().isBlank()) {
			return new ReceiveResult(ReceiveOutcome.BAD_REQUEST, "The body has no \"type\" text");
		}
		String type = typeNode.stringValue();
		WebhookMessage message = new WebhookMessage(messageId(signature, envelope), type, signature.timestamp(),
				source.name(), headers, body);
		List<WebhookListenerEndpoint> endpoints = this.registry.endpointsFor(source.name(), type);
		if (endpoints.isEmpty()) {
			if (logger.isDebugEnabled()) {
				logger.debug("No @WebhookListener for " + message + "; answered 204");
			}
			return ReceiveResult.of(ReceiveOutcome.IGNORED);
		}
		if (message.id() == null) {
			// neither the headers nor the envelope carry an id: nothing to de-duplicate on
			logger.debug("Webhook from '" + source.name() + "' has no id; it is handled without de-duplication");
			return handleNow(endpoints, message, envelope);
		}
		IdempotencyStore.Claim claim = this.store.claim(source.name(), message.id());
		if (claim == IdempotencyStore.Claim.HANDLED) {
			return ReceiveResult.of(ReceiveOutcome.DUPLICATE);
		}
		if (claim == IdempotencyStore.Claim.IN_PROGRESS) {
			return new ReceiveResult(ReceiveOutcome.IN_PROGRESS,
					"Message " + message.id() + " is being handled by another request; retry later");
		}
		if (source.async()) {
			return accept(message);
		}
		return handleNow(endpoints, message, envelope);
	}

	private ReceiveResult handleNow(List<WebhookListenerEndpoint> endpoints, WebhookMessage message,
			JsonNode envelope) {
		try {
			this.invoker.invoke(endpoints, message, envelope);
		}
		catch (RuntimeException ex) {
			if (message.id() != null) {
				this.store.release(message.source(), message.id());
			}
			logger.error("A @WebhookListener failed on " + message + "; answered 500 so the sender retries", ex);
			return new ReceiveResult(ReceiveOutcome.LISTENER_ERROR,
					"A listener failed; the message was not recorded as handled");
		}
		if (message.id() != null) {
			this.store.confirm(message.source(), message.id());
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Handled " + message);
		}
		return ReceiveResult.of(ReceiveOutcome.VERIFIED);
	}

	private ReceiveResult accept(WebhookMessage message) {
		try {
			this.store.savePending(message);
		}
		catch (RuntimeException ex) {
			this.store.release(message.source(), message.id());
			throw ex;
		}
		if (this.dispatcher == null || !this.dispatcher.dispatch(message)) {
			this.store.release(message.source(), message.id());
			return new ReceiveResult(ReceiveOutcome.OVERLOADED,
					"The receiver cannot take more asynchronous work right now; retry later");
		}
		return ReceiveResult.of(ReceiveOutcome.ACCEPTED);
	}

	private static String messageId(VerifiedSignature signature, JsonNode envelope) {
		if (signature.messageId() != null && !signature.messageId().isBlank()) {
			return signature.messageId();
		}
		JsonNode id = envelope.get("id");
		return (id != null && id.isValueNode() && !id.isNull() && !id.asString().isBlank()) ? id.asString() : null;
	}

}
