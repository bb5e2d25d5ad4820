package dev.webhooks.receive;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryState;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;

/**
 * Runs the listeners of messages from asynchronous sources on an executor, after the request was answered with
 * 202: the message is kept in the {@link WebhookInbox} first, and the webhook, parsed and matched by the
 * receiver, is handed to the executor as it is. A failing message is retried in process with the configured
 * back-off ({@link RetryTemplate} of Spring Framework); every retry is logged and counted, and a message that
 * fails every attempt is logged as an error, counted, and marked failed in the inbox. On success its id is
 * confirmed in the {@link IdempotencyStore}.
 * <p>
 * Messages an instance accepted but never handled (it stopped first) are {@link #recoverAbandoned recovered}
 * from the inbox; only they are parsed again, from the stored body. The invoker owns its executor:
 * {@link #close()} shuts it down when it is an {@link ExecutorService}.
 */
public class AsyncWebhookListenerInvoker implements WebhookListenerInvoker, AutoCloseable {

	private static final Log logger = LogFactory.getLog(AsyncWebhookListenerInvoker.class);

	private static final int RECOVERY_BATCH = 100;

	private final Executor executor;

	private final RetryPolicy retryPolicy;

	private final WebhookListenerRegistry registry;

	private final IdempotencyStore store;

	private final WebhookInbox inbox;

	private final JsonMapper mapper;

	private final WebhookReceiverMetrics metrics;

	private final ListenerChain listeners;

	/**
	 * Create the invoker.
	 * @param executor runs the listeners
	 * @param retryPolicy how often and how soon a failed message is tried again
	 * @param registry the listeners of recovered messages
	 * @param store confirms handled messages
	 * @param inbox keeps messages until they are handled, and gives back abandoned ones
	 * @param mapper parses the stored bodies of recovered messages
	 * @param metrics times the listener calls, counts retries and failures
	 */
	public AsyncWebhookListenerInvoker(Executor executor, RetryPolicy retryPolicy, WebhookListenerRegistry registry,
			IdempotencyStore store, WebhookInbox inbox, JsonMapper mapper, WebhookReceiverMetrics metrics) {
		this.executor = executor;
		this.retryPolicy = retryPolicy;
		this.registry = registry;
		this.store = store;
		this.inbox = inbox;
		this.mapper = mapper;
		this.metrics = metrics;
		this.listeners = new ListenerChain(metrics);
	}

	/**
	 * Keep the webhook in the inbox and hand it to the executor.
	 * @param webhook a webhook whose id the caller has claimed
	 * @return {@link ReceiveOutcome#ACCEPTED}, or {@link ReceiveOutcome#OVERLOADED} (the claim released) when the
	 * executor takes no more work
	 */
	@Override
	public ReceiveResult invoke(ReceivedWebhook webhook) {
		WebhookMessage message = webhook.message();
		try {
			this.inbox.savePending(message);
		}
		catch (RuntimeException ex) {
			this.store.release(message.source(), message.id());
			throw ex;
		}
		if (!dispatch(webhook)) {
			this.store.release(message.source(), message.id());
			return new ReceiveResult(ReceiveOutcome.OVERLOADED,
					"The receiver cannot take more asynchronous work right now; retry later");
		}
		return ReceiveResult.of(ReceiveOutcome.ACCEPTED);
	}

	/**
	 * Dispatch the pending messages that an instance accepted but never handled (it stopped first).
	 * @return how many were dispatched
	 */
	public int recoverAbandoned() {
		List<WebhookMessage> abandoned = this.inbox.reclaimAbandonedPending(RECOVERY_BATCH);
		int dispatched = 0;
		for (WebhookMessage message : abandoned) {
			logger.info("Handling " + message + ", accepted earlier but never handled");
			ReceivedWebhook webhook;
			try {
				JsonNode envelope = this.mapper.readTree(message.body());
				webhook = new ReceivedWebhook(message, envelope,
						this.registry.listenersFor(message.source(), message.type()));
			}
			catch (RuntimeException ex) {
				failed("Could not handle " + message + "; it is marked failed", ex, message);
				continue;
			}
			if (dispatch(webhook)) {
				dispatched++;
			}
		}
		return dispatched;
	}

	/**
	 * Stop taking work and give running listeners a few seconds to finish; messages still waiting stay pending
	 * in a durable inbox and are recovered after the claim timeout.
	 */
	@Override
	public void close() {
		if (this.executor instanceof ExecutorService executorService) {
			executorService.shutdown();
			try {
				if (!executorService.awaitTermination(10, TimeUnit.SECONDS)) {
					executorService.shutdownNow();
				}
			}
			catch (InterruptedException ex) {
				executorService.shutdownNow();
				Thread.currentThread().interrupt();
			}
		}
	}

	private boolean dispatch(ReceivedWebhook webhook) {
		try {
			this.executor.execute(() -> run(webhook));
			return true;
		}
		catch (RejectedExecutionException ex) {
			logger.warn("The webhook listener executor is full; " + webhook.message() + " is refused with 503");
			return false;
		}
	}

	private void run(ReceivedWebhook webhook) {
		WebhookMessage message = webhook.message();
		RetryTemplate retryTemplate = new RetryTemplate(this.retryPolicy);
		retryTemplate.setRetryListener(new RetryListener() {

			@Override
			public void beforeRetry(RetryPolicy policy, Retryable<?> retryable, RetryState state) {
				logger.warn("Retrying the listeners of " + message + " (retry " + state.getRetryCount()
						+ ") after: " + state.getLastException());
				AsyncWebhookListenerInvoker.this.metrics.asyncRetried(message.source());
			}

		});
		try {
			retryTemplate.execute(() -> {
				this.listeners.call(webhook);
				return null;
			});
			this.store.confirm(message.source(), message.id());
		}
		catch (RetryException ex) {
			failed("The listeners of " + message + " failed on every attempt; it is marked failed", ex.getCause(),
					message);
		}
		catch (RuntimeException ex) {
			failed("Could not handle " + message + "; it is marked failed", ex, message);
		}
	}

	private void failed(String description, Throwable cause, WebhookMessage message) {
		logger.error(description, cause);
		this.metrics.asyncFailed(message.source());
		this.inbox.markFailed(message.source(), message.id());
	}

}
