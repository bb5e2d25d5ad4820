package dev.webhooks.api;

import java.time.Duration;
import java.time.Instant;

import dev.webhooks.testsupport.AdvancingClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Portal links and sessions through real HTTP on a real database, in an application whose own security
 * authenticates every request and checks CSRF tokens: making links (as a tenant and in code), exchanging one once,
 * what the session cookie may do and where, expiry, logout, revocation, cross-site calls, and the logs. Subclasses
 * name the database.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = PortalTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = { "webhooks.api.enabled=true", "webhooks.store.initialize-schema=always",
		"webhooks.delivery.url-guard.allow-http=true", "webhooks.delivery.url-guard.allow-private-networks=true",
		"logging.level.org.springframework.web=DEBUG", "logging.level.org.springframework.security=DEBUG",
		"logging.level.dev.webhooks=DEBUG" })
abstract class PortalSessionsContractTests {

	static final String BASE = "/v1/webhooks";

	@LocalServerPort
	int port;

	@Autowired
	WebhookPortal portal;

	@Autowired
	AdvancingClock clock;

	/** The log levels this class raised stay raised for the classes after it in the JVM unless put back. */
	@AfterAll
	static void restoreLogLevels() {
		LoggingSystem logging = LoggingSystem.get(PortalSessionsContractTests.class.getClassLoader());
		for (String logger : new String[] { "org.springframework.web", "org.springframework.security", "dev.webhooks" }) {
			logging.setLogLevel(logger, null);
		}
	}

	PortalClient client() {
		return new PortalClient(this.port);
	}

	String token(PortalLink link) {
		return link.url().substring(link.url().indexOf("#portal-token=") + "#portal-token=".length());
	}

	PortalClient.Response exchange(String token) {
		return client().sameOrigin().post(BASE + "/portal-sessions/exchange", "{\"token\":\"" + token + "\"}");
	}

	/** A browser's portal session of a tenant: the cookie it holds after the exchange. */
	PortalClient session(String tenant) {
		PortalClient.Response exchanged = exchange(token(this.portal.createLink(tenant)));
		assertThat(exchanged.status()).as("%s", exchanged).isEqualTo(200);
		return client().withCookie(exchanged.cookie()).sameOrigin();
	}

	String endpoint(PortalClient client, String url) {
		PortalClient.Response created = client.post(BASE, "{\"url\":\"" + url + "\",\"events\":[\"*\"]}");
		assertThat(created.status()).as("%s", created).isEqualTo(201);
		return created.text("/id");
	}

	@Test
	void makesALinkForTheCallersTenantWithTheTokenInTheFragment() {
		PortalClient.Response created = client().asUser("alice").post(BASE + "/portal-sessions", "");

		assertThat(created.status()).as("%s", created).isEqualTo(201);
		assertThat(created.text("/url")).startsWith("http://127.0.0.1:" + this.port + "/webhooks/#portal-token=wpt_");
		assertThat(Instant.parse(created.text("/expires_at")))
			.isCloseTo(this.clock.instant().plus(Duration.ofHours(1)), within(Duration.ofMinutes(1)));
		String token = created.text("/url").substring(created.text("/url").indexOf('=') + 1);
		assertThat(token.length()).isGreaterThanOrEqualTo(4 + 43);
		PortalClient.Response session = exchange(token);
		assertThat(session.status()).isEqualTo(200);
		assertThat(client().withCookie(session.cookie()).get(BASE + "/portal-sessions").status()).isNotEqualTo(401);
	}

	@Test
	void makesAShorterLinkOnRequestAndRefusesOneLongerThanTheMaximum() {
		PortalClient.Response shorter = client().asUser("alice").post(BASE + "/portal-sessions", "{\"ttl_seconds\":60}");
		PortalClient.Response longer = client().asUser("alice").post(BASE + "/portal-sessions",
				"{\"ttl_seconds\":3601}");
		PortalClient.Response anonymous = client().post(BASE + "/portal-sessions", "");

		assertThat(Instant.parse(shorter.text("/expires_at")))
			.isCloseTo(this.clock.instant().plusSeconds(60), within(Duration.ofSeconds(30)));
		assertThat(longer.status()).isEqualTo(422);
		assertThat(longer.contentType()).startsWith("application/problem+json");
		assertThat(longer.text("/field")).isEqualTo("ttl_seconds");
		// refused by the application's own security (its CSRF check comes first for a call without credentials)
		assertThat(anonymous.status()).isIn(401, 403);
		assertThat(anonymous.body()).doesNotContain("portal-token");
	}

	@Test
	void aSessionActsForItsTenantOnlyOnceTheLinkIsExchangedOnce() {
		String acmeEndpoint = endpoint(client().asUser("alice").sameOrigin(), "https://hooks.example.com/acme");
		String globexEndpoint = endpoint(client().asUser("bob").sameOrigin(), "https://hooks.example.com/globex");
		String token = token(this.portal.createLink("acme"));

		PortalClient.Response exchanged = exchange(token);

		assertThat(exchanged.status()).as("%s", exchanged).isEqualTo(200);
		assertThat(exchanged.json().has("expires_at")).isTrue();
		assertThat(exchanged.body()).doesNotContain("acme").doesNotContain(token);
		String setCookie = exchanged.setCookies().get(0);
		assertThat(setCookie).contains("HttpOnly").contains("SameSite=Strict").contains("Path=" + BASE)
			.doesNotContain("Secure").doesNotContain(token);
		PortalClient browser = client().withCookie(exchanged.cookie()).sameOrigin();
		PortalClient.Response list = browser.get(BASE + "?limit=250");
		assertThat(list.status()).as("%s", list).isEqualTo(200);
		assertThat(list.body()).contains(acmeEndpoint).doesNotContain(globexEndpoint);
		assertThat(browser.get(BASE + "/" + globexEndpoint).status()).isEqualTo(404);
		// a state-changing call from the page passes the application's CSRF protection and acts for acme
		String created = endpoint(browser, "https://hooks.example.com/from-the-portal");
		assertThat(client().asUser("alice").get(BASE + "/" + created).status()).isEqualTo(200);
		assertThat(client().asUser("bob").get(BASE + "/" + created).status()).isEqualTo(404);
		PortalClient.Response again = exchange(token);
		assertThat(again.status()).isEqualTo(401);
		assertThat(again.contentType()).startsWith("application/problem+json");
		assertThat(again.text("/detail")).isEqualTo("portal link already used or expired");
		assertThat(again.setCookies()).isEmpty();
	}

	@Test
	void refusesAnUnknownOrExpiredLinkAndEndsAnExpiredSession() {
		PortalLink shortLink = this.portal.createLink("acme", Duration.ofMinutes(1));
		PortalClient browser = session("acme");
		assertThat(browser.get(BASE).status()).isEqualTo(200);

		this.clock.advanceTo(this.clock.instant().plus(Duration.ofHours(2)));

		assertThat(exchange(token(shortLink)).status()).isEqualTo(401);
		assertThat(exchange("wpt_unknown").status()).isEqualTo(401);
		assertThat(exchange("wpt_unknown").text("/detail")).isEqualTo("portal link already used or expired");
		PortalClient.Response expired = browser.get(BASE);
		assertThat(expired.status()).isEqualTo(401);
		assertThat(expired.setCookies()).anyMatch((cookie) -> cookie.startsWith(PortalSessionFilter.COOKIE + "=;")
				&& cookie.contains("Max-Age=0"));
	}

	@Test
	void theCookieOpensNothingOutsideTheApi() {
		PortalClient browser = session("acme");

		assertThat(browser.get(BASE).status()).isEqualTo(200);
		assertThat(browser.get("/app/whoami").status()).isEqualTo(401);
		assertThat(client().asUser("alice").get("/app/whoami").body()).isEqualTo("alice");
	}

	@Test
	void refusesCrossSiteCallsWithTheCookieAndCrossSiteExchanges() {
		PortalClient browser = session("acme");
		String token = token(this.portal.createLink("acme"));

		PortalClient.Response crossSite = browser.with("Sec-Fetch-Site", "cross-site")
			.post(BASE, "{\"url\":\"https://hooks.example.com/forged\",\"events\":[\"*\"]}");
		PortalClient.Response otherOrigin = client().with("Origin", "https://evil.example")
			.post(BASE + "/portal-sessions/exchange", "{\"token\":\"" + token + "\"}");

		assertThat(crossSite.status()).isEqualTo(403);
		assertThat(crossSite.text("/rule")).isEqualTo("cross-site-request");
		assertThat(browser.with("Sec-Fetch-Site", "cross-site").get(BASE).status()).isEqualTo(200);
		assertThat(otherOrigin.status()).isEqualTo(403);
		assertThat(exchange(token).status()).as("the refused exchange did not use the token up").isEqualTo(200);
	}

	@Test
	void logsOutAndRevokesEverySessionOfATenant() {
		PortalClient first = session("acme");
		PortalClient second = session("acme");
		PortalClient other = session("globex");
		String unused = token(this.portal.createLink("acme"));

		PortalClient.Response logout = first.delete(BASE + "/portal-sessions/current");

		assertThat(logout.status()).isEqualTo(204);
		assertThat(logout.setCookies()).anyMatch((cookie) -> cookie.contains("Max-Age=0"));
		assertThat(first.get(BASE).status()).isEqualTo(401);
		assertThat(second.get(BASE).status()).isEqualTo(200);
		assertThat(this.portal.revokeAll("acme")).isGreaterThanOrEqualTo(2);
		assertThat(second.get(BASE).status()).isEqualTo(401);
		assertThat(exchange(unused).status()).isEqualTo(401);
		assertThat(other.get(BASE).status()).isEqualTo(200);
	}

	@Test
	void aPortalSessionCannotMakeLinks() {
		PortalClient.Response refused = session("acme").post(BASE + "/portal-sessions", "");

		assertThat(refused.status()).isEqualTo(403);
	}

	@Test
	void aPortalSessionOpensTheLiveStream() {
		PortalClient browser = session("acme");

		SseClient stream = SseClient.open("http://127.0.0.1:" + this.port + BASE + "/stream", null, null,
				browser.header("Cookie"));
		try {
			assertThat(stream.status()).isEqualTo(200);
			assertThat(stream.contentType()).startsWith("text/event-stream");
		}
		finally {
			stream.close();
		}
	}

	@Test
	void neverLogsATokenOrASessionSecret(CapturedOutput output) {
		PortalClient.Response created = client().asUser("alice").post(BASE + "/portal-sessions", "");
		String token = created.text("/url").substring(created.text("/url").indexOf('=') + 1);
		PortalClient.Response exchanged = exchange(token);
		String cookie = exchanged.cookie();
		PortalClient browser = client().withCookie(cookie).sameOrigin();
		browser.get(BASE);
		exchange(token);
		browser.delete(BASE + "/portal-sessions/current");
		browser.get(BASE);

		String secret = cookie.substring(cookie.indexOf('=') + 1);
		assertThat(secret).startsWith("wps_");
		assertThat(output.getAll()).contains("/portal-sessions").doesNotContain(token)
			.doesNotContain(token.substring(4)).doesNotContain(secret).doesNotContain(secret.substring(4));
	}

}
