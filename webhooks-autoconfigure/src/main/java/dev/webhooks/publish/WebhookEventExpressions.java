package dev.webhooks.publish;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.webhooks.event.WebhookEvent;

import org.springframework.context.expression.MethodBasedEvaluationContext;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.Expression;
import org.springframework.expression.ExpressionParser;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.StandardEvaluationContext;

/**
 * Turns a {@link WebhookEvent @WebhookEvent} and what it annotates into a {@link PublishRequest}: evaluates its
 * {@code tenant}, {@code text}, {@code idempotencyKey} and {@code errorMessage} SpEL expressions, each parsed once.
 */
public class WebhookEventExpressions {

	private final ExpressionParser parser = new SpelExpressionParser();

	private final ParameterNameDiscoverer parameterNames = new DefaultParameterNameDiscoverer();

	private final Map<String, Expression> expressions = new ConcurrentHashMap<>();

	/**
	 * The message for a method that returned.
	 * @param annotation the method's annotation
	 * @param method the method
	 * @param args its arguments
	 * @param target the bean
	 * @param result what it returned, the payload
	 * @return the message
	 */
	public PublishRequest forMethod(WebhookEvent annotation, Method method, Object[] args, Object target,
			Object result) {
		MethodBasedEvaluationContext context = new MethodBasedEvaluationContext(
				new MethodRoot(method, args, target, result), method, args, this.parameterNames);
		context.setVariable("result", result);
		return message(annotation, result, context);
	}

	/**
	 * The message for an application event whose type is annotated.
	 * @param annotation the type's annotation
	 * @param event the event object, the payload
	 * @return the message
	 */
	public PublishRequest forEvent(WebhookEvent annotation, Object event) {
		StandardEvaluationContext context = new StandardEvaluationContext(event);
		context.setVariable("result", event);
		context.setVariable("event", event);
		return message(annotation, event, context);
	}

	private PublishRequest message(WebhookEvent annotation, Object data, EvaluationContext context) {
		return PublishRequest.builder(annotation.value())
			.data(data)
			.tenant(evaluate(annotation.tenant(), context))
			.text(evaluate(annotation.text(), context))
			.idempotencyKey(evaluate(annotation.idempotencyKey(), context))
			.errorMessage(evaluate(annotation.errorMessage(), context))
			.build();
	}

	private String evaluate(String expression, EvaluationContext context) {
		if (expression.isEmpty()) {
			return null;
		}
		Object value = this.expressions.computeIfAbsent(expression, this.parser::parseExpression).getValue(context);
		return (value != null) ? value.toString() : null;
	}

	/**
	 * The root object of method expressions.
	 *
	 * @param method the method
	 * @param args its arguments
	 * @param target the bean
	 * @param result what it returned
	 */
	public record MethodRoot(Method method, Object[] args, Object target, Object result) {
	}

}
