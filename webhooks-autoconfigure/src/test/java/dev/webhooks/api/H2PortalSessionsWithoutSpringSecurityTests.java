package dev.webhooks.api;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Portal sessions in an application without Spring Security, whose own resolver names the tenant from a header:
 * the portal filter is a plain servlet filter, and a session still acts for its tenant alone.
 */
@SpringBootTest(classes = H2PortalSessionsWithoutSpringSecurityTests.HeaderTenantApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:portal-without-security;DB_CLOSE_DELAY=-1",
				"webhooks.api.enabled=true" })
class H2PortalSessionsWithoutSpringSecurityTests {

	static final String BASE = "/v1/webhooks";

	@LocalServerPort
	int port;

	@Autowired
	WebhookPortal portal;

	@Test
	void aSessionActsForItsTenantThroughTheServletFilter() {
		PortalClient client = new PortalClient(this.port);
		String acme = client.with("X-Tenant", "acme").post(BASE, "{\"url\":\"https://hooks.example.com/a\"}")
			.text("/id");
		String globex = client.with("X-Tenant", "globex").post(BASE, "{\"url\":\"https://hooks.example.com/g\"}")
			.text("/id");
		String link = this.portal.createLink("acme").url();
		String token = link.substring(link.indexOf('=') + 1);

		PortalClient.Response exchanged = client.sameOrigin()
			.post(BASE + "/portal-sessions/exchange", "{\"token\":\"" + token + "\"}");

		assertThat(exchanged.status()).as("%s", exchanged).isEqualTo(200);
		PortalClient browser = client.withCookie(exchanged.cookie()).sameOrigin();
		assertThat(browser.get(BASE).body()).contains(acme).doesNotContain(globex);
		assertThat(browser.get(BASE + "/" + globex).status()).isEqualTo(404);
		// the portal session comes first, whatever the application's resolver would say
		assertThat(browser.with("X-Tenant", "globex").get(BASE).body()).contains(acme).doesNotContain(globex);
		assertThat(browser.with("Sec-Fetch-Site", "cross-site").post(BASE, "{\"url\":\"https://hooks.example.com/x\"}")
			.status()).isEqualTo(403);
		assertThat(client.sameOrigin().post(BASE + "/portal-sessions/exchange", "{\"token\":\"" + token + "\"}")
			.status()).isEqualTo(401);
		assertThat(client.get(BASE).status()).isEqualTo(401);
	}

	/**
	 * An application without Spring Security: the tenant is the {@code X-Tenant} header.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class HeaderTenantApplication {

		@Bean
		WebhookTenantResolver headerTenant() {
			return (request) -> request.getHeader("X-Tenant");
		}

	}

}
