package dev.webhooks.publish;

import dev.webhooks.event.WebhookEvent;
import org.aopalliance.aop.Advice;

import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;

/**
 * Applies the {@link WebhookEventMethodInterceptor} to every bean method annotated with
 * {@link WebhookEvent @WebhookEvent}, directly or on an interface it implements, the way Spring applies
 * {@code @Transactional}: an infrastructure advisor picked up by the auto-proxy creator, no AspectJ weaver.
 * Its order is the lowest precedence, so with the transaction advisor registered first it runs inside the
 * method's transaction.
 */
public class WebhookEventAdvisor extends AbstractPointcutAdvisor {

	private final Pointcut pointcut = new AnnotationMatchingPointcut(null, WebhookEvent.class, true);

	private final Advice advice;

	/**
	 * Create the advisor.
	 * @param interceptor the advice
	 */
	public WebhookEventAdvisor(WebhookEventMethodInterceptor interceptor) {
		this.advice = interceptor;
		setOrder(LOWEST_PRECEDENCE);
	}

	@Override
	public Pointcut getPointcut() {
		return this.pointcut;
	}

	@Override
	public Advice getAdvice() {
		return this.advice;
	}

}
