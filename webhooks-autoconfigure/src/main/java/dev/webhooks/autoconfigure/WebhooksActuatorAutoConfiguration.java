package dev.webhooks.autoconfigure;

import java.time.Clock;

import dev.webhooks.api.WebhooksActuatorEndpoint;
import dev.webhooks.delivery.DeliveryLog;
import dev.webhooks.endpoint.EndpointRepository;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code webhooks} actuator endpoint with Actuator present: a tenant-free summary of
 * every subscriber endpoint for operators. Independent of {@code webhooks.api.enabled}: operators see it whether
 * or not the application offers the management API to its customers; exposed as any actuator endpoint is
 * ({@code management.endpoints.web.exposure.include=webhooks}).
 */
@AutoConfiguration(after = { WebhooksPublisherAutoConfiguration.class, WebhooksStoreAutoConfiguration.class })
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean({ EndpointRepository.class, DeliveryLog.class })
public final class WebhooksActuatorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint
	WebhooksActuatorEndpoint webhooksActuatorEndpoint(EndpointRepository endpoints, DeliveryLog log) {
		return new WebhooksActuatorEndpoint(endpoints, log, Clock.systemUTC());
	}

}
