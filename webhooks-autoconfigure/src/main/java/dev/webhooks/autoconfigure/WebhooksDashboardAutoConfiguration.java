package dev.webhooks.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.webhooks.api.ApiContext;
import dev.webhooks.dashboard.DashboardAssets;
import dev.webhooks.dashboard.DashboardPage;
import dev.webhooks.dashboard.DashboardPaths;
import dev.webhooks.dashboard.DashboardRoutes;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;

/**
 * Auto-configuration of the event log and replay page at {@code webhooks.dashboard.path} (default
 * {@code /webhooks}): on whenever the management API is (the page reads nothing else), unless
 * {@code webhooks.dashboard.enabled=false}. A dashboard path that would answer requests meant for the receiver
 * (its base path or a source's own path) or the API fails the start-up, naming both properties.
 */
@AutoConfiguration(after = { WebhooksApiAutoConfiguration.class, WebhooksReceiverAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty(name = "webhooks.api.enabled")
@ConditionalOnBooleanProperty(name = "webhooks.dashboard.enabled", matchIfMissing = true)
@ConditionalOnBean(ApiContext.class)
@EnableConfigurationProperties({ WebhooksDashboardProperties.class, WebhooksApiProperties.class,
		WebhooksReceiverProperties.class })
public final class WebhooksDashboardAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DashboardRoutes webhooksDashboardRoutes(WebhooksDashboardProperties dashboard, WebhooksApiProperties api,
			ObjectProvider<WebhooksReceiverProperties> receiver) {
		Map<String, String> others = new LinkedHashMap<>();
		others.put("webhooks.api.base-path", api.getBasePath());
		WebhooksReceiverProperties receiving = receiver.getIfAvailable();
		if (receiving != null && receiving.isEnabled()) {
			others.put("webhooks.receiver.path", receiving.getPath());
			receiving.getSources()
				.forEach((name, source) -> others.put("webhooks.receiver.sources." + name + ".path", source.getPath()));
		}
		ClassLoader classLoader = DashboardRoutes.class.getClassLoader();
		return new DashboardRoutes(DashboardPage.load(classLoader), DashboardAssets.load(classLoader),
				DashboardPaths.of(dashboard.getPath(), others), api.getBasePath());
	}

	/**
	 * With Spring Security, the page and its assets are left out of the application's filter chains: they hold no
	 * data (every datum comes from the API, under the API's own rules), and a customer opening a portal link has no
	 * login of the application's, so a chain that requires one for every path would otherwise refuse the page
	 * before its portal token could be exchanged. Only the dashboard's exact GET paths are left out.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(WebSecurityCustomizer.class)
	static class DashboardWebSecurityConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "webhooksDashboardWebSecurityCustomizer")
		WebSecurityCustomizer webhooksDashboardWebSecurityCustomizer(DashboardRoutes routes) {
			String page = routes.paths().page();
			return (web) -> web.ignoring()
				.requestMatchers(HttpMethod.GET, page, page + "/", page + "/assets/**");
		}

	}

}
