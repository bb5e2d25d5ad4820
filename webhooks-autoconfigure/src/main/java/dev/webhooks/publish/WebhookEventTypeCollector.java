package dev.webhooks.publish;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import dev.webhooks.event.EventTypeCatalog;
import dev.webhooks.event.WebhookEvent;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Declares in the {@link EventTypeCatalog} every event type named by a {@link WebhookEvent @WebhookEvent}: on the
 * methods of the application's beans as they are created, and on the types in the given packages (the
 * application's own, by default) when the context has started, so the catalog is complete before the first event.
 */
public class WebhookEventTypeCollector implements BeanPostProcessor, SmartInitializingSingleton {

	private final ObjectProvider<EventTypeCatalog> catalog;

	private final Supplier<List<String>> packages;

	private final Set<Class<?>> seen = ConcurrentHashMap.newKeySet();

	/**
	 * Create a collector.
	 * @param catalog the catalog, looked up when the first annotation is found
	 * @param packages the packages whose annotated types are declared, asked for when the context has started
	 */
	public WebhookEventTypeCollector(ObjectProvider<EventTypeCatalog> catalog, Supplier<List<String>> packages) {
		this.catalog = catalog;
		this.packages = packages;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		Class<?> type = AopUtils.getTargetClass(bean);
		if (this.seen.add(type) && !type.getName().startsWith("org.springframework.")) {
			ReflectionUtils.doWithMethods(type, (method) -> {
				WebhookEvent annotation = AnnotatedElementUtils.findMergedAnnotation(method, WebhookEvent.class);
				if (annotation != null) {
					this.catalog.getObject().declare(annotation);
				}
			}, ReflectionUtils.USER_DECLARED_METHODS);
		}
		return bean;
	}

	@Override
	public void afterSingletonsInstantiated() {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {

			@Override
			protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
				return true;
			}

		};
		scanner.addIncludeFilter(new AnnotationTypeFilter(WebhookEvent.class, true, true));
		for (String basePackage : this.packages.get()) {
			for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
				Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), getClass().getClassLoader());
				WebhookEvent annotation = AnnotatedElementUtils.findMergedAnnotation(type, WebhookEvent.class);
				if (annotation != null) {
					this.catalog.getObject().declare(annotation);
				}
			}
		}
	}

}
