package dev.webhooks.sample.publish;

import dev.webhooks.delivery.WebhookTransport;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Wraps the starter's {@link WebhookTransport} bean in a {@link LoggingWebhookTransport}; the transport itself
 * (pooled HTTP client, URL guard on the resolved address, timeouts) stays the starter's.
 */
@Component
class WebhookTransportLogging implements BeanPostProcessor {

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		return (bean instanceof WebhookTransport transport && !(bean instanceof LoggingWebhookTransport))
				? new LoggingWebhookTransport(transport) : bean;
	}

}
