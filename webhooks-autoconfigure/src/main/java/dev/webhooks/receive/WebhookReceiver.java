package dev.webhooks.receive;

import java.time.Clock;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.webhooks.signing.VerifiedSignature;
import dev.webhooks.signing.WebhookHeaders;
import dev.webhooks.signing.WebhookVerificationException;

import org.springframework.http.HttpHeaders;

/**
 * What happens to a request once its source is known and its body read within the size limit: verify the
 * signature and timestamp, parse the envelope once, look up its listeners, de-duplicate on the message id, then
 * hand the parsed webhook to the {@link SyncWebhookListenerInvoker synchronous invoker}, or to the
 * {@link AsyncWebhookListenerInvoker asynchronous one} for an asynchronous source.
 */
public class WebhookReceiver {

	private static final Log logger = LogFactory.getLog(WebhookReceiver.class);

	private final WebhookListenerRegistry registry;

	private final IdempotencyStore store;

	private final JsonMapper mapper;

	private final WebhookListenerInvoker syncInvoker;

	private final WebhookListenerInvoker asyncInvoker;

	private final Clock clock;

	/**
	 * Create a receiver.
	 * @param registry the listeners
	 * @param store the idempotency store
	 * @param mapper parses the body
	 * @param syncInvoker runs the listeners before the answer
	 * @param asyncInvoker runs the listeners of asynchronous sources after the answer
	 * @param clock the clock the timestamp tolerance is measured on
	 */
	public WebhookReceiver(WebhookListenerRegistry registry, IdempotencyStore store, JsonMapper mapper,
			WebhookListenerInvoker syncInvoker, WebhookListenerInvoker asyncInvoker, Clock clock) {
		this.registry = registry;
		this.store = store;
		this.mapper = mapper;
		this.syncInvoker = syncInvoker;
		this.asyncInvoker = asyncInvoker;
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
		catch (StreamConstraintsException ex) {
			// nesting, number or string length over the mapper's StreamReadConstraints: say which limit
			return new ReceiveResult(ReceiveOutcome.BAD_REQUEST,
					"The body is over a JSON parsing limit: " + ex.getOriginalMessage());
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
		List<WebhookListenerMethod> listeners = this.registry.listenersFor(source.name(), type);
		if (listeners.isEmpty()) {
			if (logger.isDebugEnabled()) {
				logger.debug("No @WebhookListener for " + message + "; answered 204");
			}
			return ReceiveResult.of(ReceiveOutcome.IGNORED);
		}
		ReceivedWebhook webhook = new ReceivedWebhook(message, envelope, listeners);
		if (message.id() == null) {
			// neither the headers nor the envelope carry an id: nothing to de-duplicate on
			logger.debug("Webhook from '" + source.name() + "' has no id; it is handled without de-duplication");
			return this.syncInvoker.invoke(webhook);
		}
		IdempotencyStore.Claim claim = this.store.claim(source.name(), message.id());
		if (claim == IdempotencyStore.Claim.HANDLED) {
			return ReceiveResult.of(ReceiveOutcome.DUPLICATE);
		}
		if (claim == IdempotencyStore.Claim.IN_PROGRESS) {
			return new ReceiveResult(ReceiveOutcome.IN_PROGRESS,
					"Message " + message.id() + " is being handled by another request; retry later");
		}
		return (source.async() ? this.asyncInvoker : this.syncInvoker).invoke(webhook);
	}

	private static String messageId(VerifiedSignature signature, JsonNode envelope) {
		if (signature.messageId() != null && !signature.messageId().isBlank()) {
			return signature.messageId();
		}
		JsonNode id = envelope.get("id");
		return (id != null && id.isValueNode() && !id.isNull() && !id.asString().isBlank()) ? id.asString() : null;
	}

}
