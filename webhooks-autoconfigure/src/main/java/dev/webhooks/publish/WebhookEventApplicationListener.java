package dev.webhooks.publish;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.webhooks.event.EventTypeCatalog;
import dev.webhooks.event.WebhookEvent;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Bridges application events to webhooks: an object of a type annotated with {@link WebhookEvent @WebhookEvent}
 * published through Spring's {@code ApplicationEventPublisher} is published as a webhook event too, with the
 * object as its payload. The publish runs in the thread and transaction of {@code publishEvent}, so it is written
 * with the caller's changes and sent after they commit.
 */
public class WebhookEventApplicationListener implements ApplicationListener<ApplicationEvent> {

	private final ObjectProvider<WebhookPublisher> publisher;

	private final WebhookEventExpressions expressions;

	private final EventTypeCatalog catalog;

	private final Map<Class<?>, Optional<WebhookEvent>> annotations = new ConcurrentHashMap<>();

	/**
	 * Create the listener.
	 * @param publisher the publisher
	 * @param expressions evaluates the annotation's expressions
	 * @param catalog where a type seen for the first time is declared
	 */
	public WebhookEventApplicationListener(ObjectProvider<WebhookPublisher> publisher,
			WebhookEventExpressions expressions, EventTypeCatalog catalog) {
		this.publisher = publisher;
		this.expressions = expressions;
		this.catalog = catalog;
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		Object payload = (event instanceof PayloadApplicationEvent<?> wrapped) ? wrapped.getPayload() : event;
		Optional<WebhookEvent> annotation = this.annotations.computeIfAbsent(payload.getClass(), (type) -> {
			WebhookEvent found = AnnotatedElementUtils.findMergedAnnotation(type, WebhookEvent.class);
			if (found != null) {
				this.catalog.declare(found);
			}
			return Optional.ofNullable(found);
		});
		annotation.ifPresent((found) -> this.publisher.getObject()
			.publish(this.expressions.forEvent(found, payload)));
	}

	@Override
	public boolean supportsAsyncExecution() {
		// publishing must join the caller's transaction
		return false;
	}

}
