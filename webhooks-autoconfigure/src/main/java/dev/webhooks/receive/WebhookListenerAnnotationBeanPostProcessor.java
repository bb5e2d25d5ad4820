package dev.webhooks.receive;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Finds {@link WebhookListener} methods on every bean and registers them with the {@link WebhookListenerRegistry},
 * as {@code KafkaListenerAnnotationBeanPostProcessor} does for {@code @KafkaListener}: methods are collected as
 * beans initialise (on the target class, so AOP proxies work) and registered once all singletons exist, when a
 * wrong source or parameter fails the start-up with every problem listed.
 * <p>
 * {@code ${…}} placeholders in {@link WebhookListener#source()} and {@link WebhookListener#events()} are resolved
 * against the application's configuration (placeholders only, no SpEL); an {@code events} value that resolves to
 * a comma-separated list gives one pattern per element. Parameters are matched against the application's
 * {@link WebhookListenerArgumentResolver} beans first, then the built-in resolvers.
 */
public class WebhookListenerAnnotationBeanPostProcessor
		implements BeanPostProcessor, SmartInitializingSingleton, BeanFactoryAware, Ordered {

	private static final Log logger = LogFactory.getLog(WebhookListenerAnnotationBeanPostProcessor.class);

	private final ObjectProvider<WebhookListenerRegistry> registry;

	private final ObjectProvider<JsonMapper> mapper;

	private final ObjectProvider<WebhookListenerArgumentResolver> resolvers;

	private ConfigurableBeanFactory beanFactory;

	private final Set<Class<?>> classesWithoutListeners = ConcurrentHashMap.newKeySet();

	private final List<Candidate> candidates = new ArrayList<>();

	private volatile boolean singletonsInstantiated;

	/**
	 * Create the post-processor. Its collaborators are looked up late, since post-processors are created before
	 * other beans.
	 * @param registry the registry to fill
	 * @param mapper the application's JSON mapper; a default one when the application has none
	 * @param resolvers the application's argument resolvers, asked before the built-in ones
	 */
	public WebhookListenerAnnotationBeanPostProcessor(ObjectProvider<WebhookListenerRegistry> registry,
			ObjectProvider<JsonMapper> mapper, ObjectProvider<WebhookListenerArgumentResolver> resolvers) {
		this.registry = registry;
		this.mapper = mapper;
		this.resolvers = resolvers;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		if (beanFactory instanceof ConfigurableBeanFactory configurable) {
			this.beanFactory = configurable;
		}
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
		WebhookListenerRegistry registry = this.registry.getObject();
		WebhookListenerArgumentResolvers resolvers = new WebhookListenerArgumentResolvers(
				this.resolvers.orderedStream().toList(), this.mapper.getIfAvailable(JsonMapper::shared));
		List<String> problems = new ArrayList<>();
		for (Candidate candidate : pending) {
			try {
				WebhookListenerMethod listener = create(candidate, resolvers);
				registry.register(listener);
				if (logger.isDebugEnabled()) {
					logger.debug("Registered " + listener + " for " + ClassUtils.getQualifiedMethodName(candidate.method()));
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

	private WebhookListenerMethod create(Candidate candidate, WebhookListenerArgumentResolvers resolvers) {
		WebhookListener annotation = candidate.annotation();
		String source;
		List<String> events = new ArrayList<>();
		try {
			source = resolve(annotation.source());
			for (String event : annotation.events()) {
				if (isPlaceholder(event)) {
					Arrays.stream(StringUtils.commaDelimitedListToStringArray(resolve(event)))
						.map(String::strip)
						.forEach(events::add);
				}
				else {
					events.add(event);
				}
			}
		}
		catch (IllegalArgumentException ex) {
			// an unresolvable placeholder
			throw new IllegalStateException("@WebhookListener method "
					+ ClassUtils.getQualifiedMethodName(candidate.method()) + ": " + ex.getMessage());
		}
		String id = annotation.id().isBlank() ? candidate.beanName() + "." + candidate.method().getName()
				: annotation.id();
		return WebhookListenerMethod.create(id, source, events, candidate.bean(), candidate.method(),
				candidate.invocableMethod(), resolvers);
	}

	private boolean isPlaceholder(String value) {
		return this.beanFactory != null && value.contains("${");
	}

	private String resolve(String value) {
		if (!isPlaceholder(value)) {
			return value;
		}
		String resolved = this.beanFactory.resolveEmbeddedValue(value);
		return (resolved != null) ? resolved : "";
	}

	private record Candidate(Object bean, String beanName, Method method, Method invocableMethod,
			WebhookListener annotation) {
	}

}
