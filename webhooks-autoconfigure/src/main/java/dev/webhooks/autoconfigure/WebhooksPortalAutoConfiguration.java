package dev.webhooks.autoconfigure;

import java.time.Clock;
import java.time.Duration;

import dev.webhooks.api.ApiContext;
import dev.webhooks.api.PortalAuthenticator;
import dev.webhooks.api.PortalSessionFilter;
import dev.webhooks.api.PortalSessions;
import dev.webhooks.api.PortalSessionsController;
import dev.webhooks.api.SecurityContextPortalAuthenticator;
import dev.webhooks.api.WebhookPortal;
import dev.webhooks.endpoint.PortalSessionRepository;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.csrf.CsrfFilter;

/**
 * Auto-configuration of portal links and sessions, while the management API and the event-log page are on
 * ({@code webhooks.api.enabled=true}, {@code webhooks.dashboard.enabled} not false): the {@link WebhookPortal} the
 * application makes links with, {@code POST {base}/portal-sessions}, and the {@link PortalSessionFilter} that
 * exchanges a link for a session cookie and authenticates the API's calls that carry one.
 * <p>
 * With Spring Security the filter joins every filter chain the application builds from Spring Security's
 * {@link HttpSecurity} bean, through a {@code Customizer<HttpSecurity>} bean (which Spring Security 7 applies to
 * each of them): it sits before the CSRF filter, authenticates a request with a live session as its tenant
 * (authority {@value SecurityContextPortalAuthenticator#AUTHORITY}), and such requests are exempt from the chain's
 * CSRF token check, because the filter requires them to come from the same origin and the cookie is
 * {@code SameSite=Strict}. The application writes no security configuration, and its own rules and chains stay as
 * they are for every other request. Without Spring Security the filter is a plain servlet filter on the API's path.
 */
@AutoConfiguration(after = { WebhooksApiAutoConfiguration.class, WebhooksStoreAutoConfiguration.class },
		afterName = { "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
				"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "webhooks.api.enabled")
@ConditionalOnBooleanProperty(name = "webhooks.dashboard.enabled", matchIfMissing = true)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean({ ApiContext.class, PortalSessionRepository.class })
@EnableConfigurationProperties({ WebhooksApiProperties.class, WebhooksDashboardProperties.class })
public final class WebhooksPortalAutoConfiguration {

	/** The name of the bean of Spring Security's filter chains, there when the application has web security. */
	static final String SECURITY_FILTER_CHAIN = "springSecurityFilterChain";

	@Bean
	@ConditionalOnMissingBean
	WebhookPortal webhookPortal(PortalSessionRepository sessions, WebhooksDashboardProperties dashboard,
			Environment environment, ObjectProvider<Clock> clock) {
		Duration ttl = dashboard.getSessionTtl();
		if (ttl == null || ttl.isNegative() || ttl.isZero()) {
			throw new IllegalStateException("webhooks.dashboard.session-ttl must be positive, not " + ttl);
		}
		String contextPath = environment.getProperty("server.servlet.context-path", "");
		return new WebhookPortal(sessions, trimmed(contextPath) + dashboard.getPath(), ttl,
				clock.getIfUnique(Clock::systemUTC));
	}

	@Bean
	@ConditionalOnMissingBean
	PortalSessions webhookPortalSessions(PortalSessionRepository sessions, ObjectProvider<Clock> clock) {
		return new PortalSessions(sessions, clock.getIfUnique(Clock::systemUTC));
	}

	@Bean
	@ConditionalOnMissingBean
	PortalSessionsController webhookPortalSessionsController(WebhookPortal portal, ApiContext context) {
		return new PortalSessionsController(portal, context);
	}

	private static String trimmed(String path) {
		return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
	}

	private static PortalSessionFilter filter(PortalSessions sessions, WebhooksApiProperties api, ApiContext context,
			PortalAuthenticator authenticator) {
		return new PortalSessionFilter(sessions, api.getBasePath(), context.reader(), authenticator);
	}

	/**
	 * The filter in every Spring Security filter chain of the application.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HttpSecurity.class)
	@ConditionalOnBean(name = SECURITY_FILTER_CHAIN)
	static class SecurityPortalConfiguration {

		@Bean
		Customizer<HttpSecurity> webhookPortalHttpSecurityCustomizer(PortalSessions sessions,
				WebhooksApiProperties api, ApiContext context) {
			// one filter for every chain; not a bean, or Boot would register it as a servlet filter as well
			PortalSessionFilter filter = filter(sessions, api, context, new SecurityContextPortalAuthenticator());
			return (http) -> {
				http.addFilterBefore(filter, CsrfFilter.class);
				http.csrf((csrf) -> csrf.ignoringRequestMatchers(
						(request) -> request.getAttribute(PortalSessionFilter.TENANT_ATTRIBUTE) != null));
			};
		}

	}

	/**
	 * The filter on the API's path, in an application without Spring Security.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(name = SECURITY_FILTER_CHAIN)
	static class ServletPortalConfiguration {

		@Bean
		FilterRegistrationBean<PortalSessionFilter> webhookPortalSessionFilter(PortalSessions sessions,
				WebhooksApiProperties api, ApiContext context) {
			FilterRegistrationBean<PortalSessionFilter> registration = new FilterRegistrationBean<>(
					filter(sessions, api, context, PortalAuthenticator.NONE));
			registration.addUrlPatterns(trimmed(api.getBasePath()) + "/*");
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
			return registration;
		}

	}

}
