package dev.webhooks.receive;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

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
 * 202. A failing message is retried in process with the configured back-off
 * ({@link RetryTemplate} of Spring Framework); every retry is logged and counted, and a message that fails every
 * attempt is logged as an error, counted, and marked failed in the {@link IdempotencyStore}.
 * <p>
 * The dispatcher owns its executor: {@link #close()} shuts it down when it is an {@link ExecutorService}.
 */
public class AsyncWebhookDispatcher implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(AsyncWebhookDispatcher.class);

	private static final int RECOVERY_BATCH = 100;

	private final Executor executor;

	private final RetryPolicy retryPolicy;

	private final WebhookListenerEndpointRegistry registry;

	private final IdempotencyStore store;

	private final JsonMapper mapper;

	private final WebhookReceiverMetrics metrics;

	private final WebhookListenerInvoker invoker;

	/**
	 * Create a dispatcher.
	 * @param executor runs the listeners
	 * @param retryPolicy how often and how soon a failed message is tried again
	 * @param registry the listeners
	 * @param store marks messages handled or failed
	 * @param mapper parses stored bodies
	 * @param metrics counts retries and failures
	 */
	public AsyncWebhookDispatcher(Executor executor, RetryPolicy retryPolicy, WebhookListenerEndpointRegistry registry,
			IdempotencyStore store, JsonMapper mapper, WebhookReceiverMetrics metrics) {
		this.executor = executor;
		this.retryPolicy = retryPolicy;
		this.registry = registry;
		this.store = store;
		this.mapper = mapper;
		this.metrics = metrics;
		this.invoker = new WebhookListenerInvoker(metrics);
	}

	/**
	 * Hand a claimed, stored message to the executor.
	 * @param message the message
	 * @return {@code false} when the executor takes no more work
	 */
	public boolean dispatch(WebhookMessage message) {
		try {
			this.executor.execute(() -> run(message));
			return true;
		}
		catch (RejectedExecutionException ex) {
			logger.warn("The webhook listener executor is full; " + message + " is refused with 503");
			return false;
		}
	}

	/**
	 * Dispatch the pending messages that an instance accepted but never handled (it stopped first).
	 * @return how many were dispatched
	 */
	public int recoverAbandoned() {
		List<WebhookMessage> abandoned = this.store.reclaimAbandonedPending(RECOVERY_BATCH);
		int dispatched = 0;
		for (WebhookMessage message : abandoned) {
			logger.info("Handling " + message + ", accepted earlier but never handled");
			if (dispatch(message)) {
				dispatched++;
			}
		}
		return dispatched;
	}

	/**
	 * Stop taking work and give running listeners a few seconds to finish; messages still waiting stay pending
	 * in a durable store and are recovered after the claim timeout.
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

	private void run(WebhookMessage message) {
		RetryTemplate retryTemplate = new RetryTemplate(this.retryPolicy);
		retryTemplate.setRetryListener(new RetryListener() {

			@Override
			public void beforeRetry(RetryPolicy policy, Retryable<?> retryable, RetryState state) {
				logger.warn("Retrying the listeners of " + message + " (retry " + state.getRetryCount()
						+ ") after: " + state.getLastException());
				AsyncWebhookDispatcher.this.metrics.asyncRetried(message.source());
			}

		});
		try {
			JsonNode envelope = this.mapper.readTree(message.body());
			List<WebhookListenerEndpoint> endpoints = this.registry.endpointsFor(message.source(), message.type());
			retryTemplate.execute(() -> {
				this.invoker.invoke(endpoints, message, envelope);
				return null;
			});
			this.store.confirm(message.source(), message.id());
		}
		catch (RetryException ex) {
			logger.error("The listeners of " + message + " failed on every attempt; it is marked failed",
					ex.getCause());
			this.metrics.asyncFailed(message.source());
			this.store.markFailed(message.source(), message.id());
		}
		catch (RuntimeException ex) {
			logger.error("Could not handle " + message + "; it is marked failed", ex);
			this.metrics.asyncFailed(message.source());
			this.store.markFailed(message.source(), message.id());
		}
	}

}
