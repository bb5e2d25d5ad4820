package dev.webhooks.delivery;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link WebhooksVersion}: the user-agent names the version the build wrote, also when running from classes.
 */
class WebhooksVersionTests {

	@Test
	void userAgentNamesTheBuiltVersion() {
		// given the classes folder of this build (no jar manifest), when asking for the user agent
		String userAgent = WebhooksVersion.userAgent();

		// then it carries the project's version, not a placeholder
		assertThat(WebhooksVersion.get()).matches("\\d+\\.\\d+\\.\\d+.*").doesNotContain("${");
		assertThat(userAgent).isEqualTo("webhooks-spring-boot-starter/" + WebhooksVersion.get());
	}

}
