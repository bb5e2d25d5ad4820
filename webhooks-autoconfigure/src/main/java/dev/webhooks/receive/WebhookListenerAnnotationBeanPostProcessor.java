package dev.webhooks.receive;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;

/**
 * Finds {@link WebhookListener} methods on every bean and registers them with the
 * {@link WebhookListenerEndpointRegistry}, as {@code KafkaListenerAnnotationBeanPostProcessor} does for
 * {@code @KafkaListener}: methods are collected as beans initialise (on the target class, so AOP proxies work)
 * and registered once all singletons exist, when a wrong source or parameter fails the start-up with every
 * problem listed.
 */
public class WebhookListenerAnnotationBeanPostProcessor
		implements BeanPostProcessor, SmartInitializingSingleton, Ordered {

	private static final Log logger = LogFactory.getLog(WebhookListenerAnnotationBeanPostProcessor.class);

	private final ObjectProvider<WebhookListenerEndpointRegistry> registry;

	private final ObjectProvider<JsonMapper> mapper;

	private final Set<Class<?>> classesWithoutListeners = ConcurrentHashMap.newKeySet();

	private final List<Candidate> candidates = new ArrayList<>();

	private volatile boolean singletonsInstantiated;

	/**
	 * Create the post-processor. Its collaborators are looked up late, since post-processors are created before
	 * other beans.
	 * @param registry the registry to fill
	 * @param mapper the application's JSON mapper; a default one when the application has none
	 */
	public WebhookListenerAnnotationBeanPostProcessor(ObjectProvider<WebhookListenerEndpointRegistry> registry,
			ObjectProvider<JsonMapper> mapper) {
		this.registry = registry;
		this.mapper = mapper;
	}

	@Override
	public int getOrder() {
		return LOWEST_PRECEDENCE;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		Class<?> targetClass = AopUtils.getTargetClass(bean);
		if (this.classesWithoutListeners.contains(targetClass)) {
			return bean;
		}
		Map<Method, WebhookListener> methods = MethodIntrospector.selectMethods(targetClass,
				(MethodIntrospector.MetadataLookup<WebhookListener>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, WebhookListener.class));
		if (methods.isEmpty()) {
			this.classesWithoutListeners.add(targetClass);
			return bean;
		}
		List<Candidate> found = new ArrayList<>();
		methods.forEach((method, annotation) -> found.add(new Candidate(bean, beanName, method,
				AopUtils.selectInvocableMethod(method, bean.getClass()), annotation)));
		if (this.singletonsInstantiated) {
			// a lazy or prototype bean created after start-up: register it now
			register(found);
		}
		else {
			synchronized (this.candidates) {
				this.candidates.addAll(found);
			}
		}
		return bean;
	}

	@Override
	public void afterSingletonsInstantiated() {
		List<Candidate> pending;
		synchronized (this.candidates) {
			pending = new ArrayList<>(this.candidates);
			this.candidates.clear();
		}
		register(pending);
		this.singletonsInstantiated = true;
	}

	private void register(List<Candidate> pending) {
		if (pending.isEmpty()) {
			return;
		}
		WebhookListenerEndpointRegistry registry = this.registry.getObject();
		JsonMapper mapper = this.mapper.getIfAvailable(JsonMapper::new);
		List<String> problems = new ArrayList<>();
		for (Candidate candidate : pending) {
			try {
				WebhookListenerEndpoint endpoint = WebhookListenerEndpoint.create(candidate.annotation(),
						candidate.bean(), candidate.beanName(), candidate.method(), candidate.invocableMethod(),
						mapper);
				registry.register(endpoint);
				if (logger.isDebugEnabled()) {
					logger.debug("Registered " + endpoint + " for " + ClassUtils.getQualifiedMethodName(candidate.method()));
				}
			}
			catch (IllegalStateException ex) {
				problems.add(ex.getMessage());
			}
		}
		if (!problems.isEmpty()) {
			throw new IllegalStateException("Invalid @WebhookListener configuration:\n - "
					+ String.join("\n - ", problems));
		}
	}

	private record Candidate(Object bean, String beanName, Method method, Method invocableMethod,
			WebhookListener annotation) {
	}

}
