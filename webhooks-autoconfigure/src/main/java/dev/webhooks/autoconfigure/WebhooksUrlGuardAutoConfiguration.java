package dev.webhooks.autoconfigure;

import dev.webhooks.urlguard.DefaultUrlGuard;
import dev.webhooks.urlguard.UrlGuard;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link UrlGuard} that both of its users share: the endpoint service, which checks a
 * URL when an endpoint is saved, and the HTTP transport, which checks every resolved address when it connects.
 * {@code webhooks.delivery.url-guard.*} holds its development switches; an application's own {@link UrlGuard}
 * bean replaces it for both.
 */
@AutoConfiguration
@EnableConfigurationProperties(WebhooksDeliveryProperties.class)
public final class WebhooksUrlGuardAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	UrlGuard webhooksUrlGuard(WebhooksDeliveryProperties properties) {
		WebhooksDeliveryProperties.UrlGuard guard = properties.getUrlGuard();
		return DefaultUrlGuard.builder()
			.allowHttp(guard.isAllowHttp())
			.allowPrivateNetworks(guard.isAllowPrivateNetworks())
			.build();
	}

}
