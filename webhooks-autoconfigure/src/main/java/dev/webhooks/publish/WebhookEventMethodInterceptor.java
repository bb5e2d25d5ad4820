package dev.webhooks.publish;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.webhooks.event.WebhookEvent;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.BridgeMethodResolver;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Publishes the return value of a {@link WebhookEvent @WebhookEvent} method when the method returns normally.
 * The publish joins the transaction the method runs in, so the event is written with the method's changes and
 * sent only after they commit; a rollback sends nothing. An {@code Optional} result is unwrapped, and an empty one
 * publishes nothing.
 */
public class WebhookEventMethodInterceptor implements MethodInterceptor {

	private final ObjectProvider<WebhookPublisher> publisher;

	private final WebhookEventExpressions expressions;

	private final Map<Method, Optional<Target>> targets = new ConcurrentHashMap<>();

	/**
	 * Create an interceptor.
	 * @param publisher the publisher, looked up at the first call so that creating the advisor does not create
	 * the data-access beans early
	 * @param expressions evaluates the annotation's expressions
	 */
	public WebhookEventMethodInterceptor(ObjectProvider<WebhookPublisher> publisher,
			WebhookEventExpressions expressions) {
		this.publisher = publisher;
		this.expressions = expressions;
	}

	@Override
	public Object invoke(MethodInvocation invocation) throws Throwable {
		Object result = invocation.proceed();
		Object target = invocation.getThis();
		Class<?> targetClass = (target != null) ? AopUtils.getTargetClass(target)
				: invocation.getMethod().getDeclaringClass();
		Optional<Target> annotated = this.targets.computeIfAbsent(invocation.getMethod(),
				(method) -> find(method, targetClass));
		if (annotated.isEmpty()) {
			return result;
		}
		Object payload = result;
		if (result instanceof Optional<?> optional) {
			if (optional.isEmpty()) {
				return result;
			}
			payload = optional.get();
		}
		Target found = annotated.get();
		this.publisher.getObject()
			.publish(this.expressions.forMethod(found.annotation(), found.method(), invocation.getArguments(),
					target, payload));
		return result;
	}

	private static Optional<Target> find(Method method, Class<?> targetClass) {
		Method specific = BridgeMethodResolver.findBridgedMethod(AopUtils.getMostSpecificMethod(method, targetClass));
		WebhookEvent annotation = AnnotatedElementUtils.findMergedAnnotation(specific, WebhookEvent.class);
		if (annotation == null) {
			annotation = AnnotatedElementUtils.findMergedAnnotation(method, WebhookEvent.class);
		}
		return Optional.ofNullable(annotation).map((a) -> new Target(a, specific));
	}

	private record Target(WebhookEvent annotation, Method method) {
	}

}
