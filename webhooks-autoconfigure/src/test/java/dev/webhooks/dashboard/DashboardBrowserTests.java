package dev.webhooks.dashboard;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.webhooks.delivery.TestReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in a real browser (headless system Chromium) against the real application on a random port and
 * embedded H2: each scenario of issue 11 as a test, each checking that the page logged no error and broke no
 * Content-Security-Policy rule. {@code -Dwebhooks.screenshots=docs/images} also writes the README's screenshots.
 */
@SpringBootTest(classes = DashboardTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:dashboard-browser;DB_CLOSE_DELAY=-1",
				"webhooks.api.enabled=true", "webhooks.delivery.url-guard.allow-http=true",
				"webhooks.delivery.url-guard.allow-private-networks=true",
				"webhooks.delivery.retry.schedule=0s,100ms", "webhooks.store.initialize-schema=always",
				"webhooks.event-types[0].type=order.created",
				"webhooks.event-types[0].description=An order was placed",
				"webhooks.event-types[0].example.id=ord_example_1", "webhooks.event-types[0].example.total=42" })
class DashboardBrowserTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	private final List<AutoCloseable> closing = new ArrayList<>();

	@BeforeAll
	static void browserPresent() {
		Browser.assumeAvailable();
	}

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable closeable : this.closing) {
			closeable.close();
		}
	}

	Browser browser(int width, int height) {
		Browser browser = Browser.start(width, height);
		this.closing.add(browser);
		return browser;
	}

	Browser signedIn(String user) {
		Browser browser = signIn(browser(1280, 800), user);
		browser.open(page(user, "#/endpoints"));
		browser.find("#endpoint-rows tr");
		return browser;
	}

	/**
	 * Sign a browser in over HTTP Basic, as a user does at the browser's own prompt: the page itself is public,
	 * and the first API call it makes is challenged; here an API URL with the credentials in it answers the
	 * challenge, and the browser keeps them for the API's calls.
	 */
	Browser signIn(Browser browser, String user) {
		browser.open("http://" + user + ":" + user + "@127.0.0.1:" + this.port + "/v1/webhooks/event-types");
		browser.waitFor((driver) -> driver.getPageSource().contains("\"data\"") ? true : null);
		return browser;
	}

	String page(String user, String fragment) {
		return "http://127.0.0.1:" + this.port + "/webhooks/" + fragment;
	}

	TestReceiver receiver(TestReceiver receiver) {
		this.closing.add(receiver);
		return receiver;
	}

	// the management API as a user, for the givens
	JsonNode api(String user, String method, String path, String body) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Authorization", "Basic " + Base64.getEncoder()
				.encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)))
			.header("Content-Type", "application/json")
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body)
					: HttpRequest.BodyPublishers.noBody());
		HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isLessThan(300);
		return response.body().isEmpty() ? null : JSON.readTree(response.body());
	}

	String endpoint(String user, String url, String description) throws Exception {
		return api(user, "POST", "/v1/webhooks", JSON.writeValueAsString(Map.of("url", url, "description",
				description, "events", List.of("order.created")))).get("id").asString();
	}

	static void assertNoProblems(Browser browser) {
		assertThat(browser.problems()).as("console errors and CSP violations").isEmpty();
	}

	@Test
	void createsAnEndpointAndShowsItsSecretOnlyOnce() {
		Browser browser = signedIn("alice");

		browser.find("#add-endpoint").click();
		browser.find("form[aria-label='Add an endpoint'] input[name=url]").sendKeys("https://hooks.example.com/created");
		browser.find("form[aria-label='Add an endpoint'] input[name=description]").sendKeys("Created in the browser");
		browser.find("form[aria-label='Add an endpoint'] button[type=submit]").click();

		String secret = browser.find("#secret-value").getText();
		assertThat(secret).startsWith("whsec_");
		browser.waitForText("#endpoint-rows", "https://hooks.example.com/created");
		browser.screenshot("endpoints");
		browser.driver().navigate().refresh();
		browser.waitForText("#endpoint-rows", "https://hooks.example.com/created");
		assertThat(browser.driver().getPageSource()).doesNotContain(secret);
		assertThat(browser.all("#secret")).isEmpty();
		assertNoProblems(browser);
	}


	@Test
	void showsATestEventArriveLiveWithoutAReload() throws Exception {
		TestReceiver receiver = receiver(TestReceiver.answering(200));
		String id = endpoint("alice", receiver.url(), "Live orders");
		Browser browser = signIn(browser(1280, 800), "alice");
		browser.open(page("alice", "#/events"));
		browser.find("#event-rows");
		browser.waitForText("#live-state", "Live");
		browser.script("window.loadedOnce = 'yes';");

		// the test event is sent from the endpoints view, with the catalog's example shown first
		browser.find("a[data-view=endpoints]").click();
		browser.find("tr[data-endpoint-id='" + id + "'] button[data-action=send-test]").click();
		WebElement payload = browser.find("form[aria-label='Send a test event'] textarea[name=payload]");
		new org.openqa.selenium.support.ui.Select(browser.find("form[aria-label='Send a test event'] select"))
			.selectByValue("order.created");
		assertThat(payload.getAttribute("value")).contains("ord_example_1");
		browser.find("a[data-view=events]").click();
		browser.find("#event-rows");
		api("alice", "POST", "/v1/webhooks/" + id + "/test", "{\"event_type\":\"order.created\"}");

		browser.waitForText("#event-rows tr", "order.created");
		browser.waitForText("#event-rows tr", "succeeded");
		assertThat(browser.find("#live").getDomProperty("textContent")).contains("New event order.created");
		assertThat(browser.script("return window.loadedOnce;")).isEqualTo("yes");
		assertThat(receiver.count()).isEqualTo(1);
		browser.screenshot("event-log");
		assertNoProblems(browser);
	}

	@Test
	void replaysAFailedDeliveryAfterTheReceiverRecovers() throws Exception {
		AtomicInteger status = new AtomicInteger(500);
		TestReceiver receiver = receiver(TestReceiver.start((number, exchange) -> TestReceiver.reply(exchange,
				status.get(), Map.of("Content-Type", "text/plain"), (status.get() == 500) ? "database down" : "ok")));
		String id = endpoint("alice", receiver.url(), "Flaky receiver");
		String eventId = api("alice", "POST", "/v1/webhooks/" + id + "/test", "{}").get("id").asString();
		Browser browser = signIn(browser(1280, 800), "alice");
		browser.open(page("alice", "#/event/" + id + "/" + eventId));
		browser.waitForText("#delivery-status", "dead");
		browser.waitForText("#attempts", "HTTP 500");
		assertThat(browser.find("#payload").getText()).contains("\"type\": \"webhook.test\"");
		// the page draws the attempts again when its live refresh brings news (closing their excerpts), so the
		// excerpts are opened until one shows what the receiver answered
		org.awaitility.Awaitility.await().atMost(Browser.WAIT).untilAsserted(() -> {
			browser.script("document.querySelectorAll('#attempts details').forEach((d) => d.open = true);");
			assertThat(browser.find("#attempts").getText()).contains("database down");
		});
		browser.screenshot("event");

		status.set(200);
		browser.find("#replay").click();

		browser.waitForText("#delivery-status", "succeeded");
		browser.waitForText("#attempts", "HTTP 200");
		assertThat(receiver.requests()).extracting((request) -> request.header("webhook-id")).containsOnly(eventId);
		assertNoProblems(browser);
	}

	@Test
	void rendersAnEndpointDescriptionHoldingMarkupAsTextAndRunsNothing() throws Exception {
		String markup = "<img src=x onerror=\"window.injected=1\"><script>window.injected=2</script>";
		String id = endpoint("alice", "https://hooks.example.com/xss", markup);
		Browser browser = signedIn("alice");

		WebElement row = browser.find("tr[data-endpoint-id='" + id + "']");

		assertThat(row.findElement(By.cssSelector(".description")).getText()).isEqualTo(markup);
		assertThat(row.findElements(By.tagName("img"))).isEmpty();
		assertThat(browser.all("#view script, #view img")).isEmpty();
		assertThat(browser.script("return window.injected === undefined;")).isEqualTo(true);
		assertNoProblems(browser);
	}

	@Test
	void showsASecondTenantNoneOfTheFirstTenantsData() throws Exception {
		TestReceiver receiver = receiver(TestReceiver.answering(200));
		String id = endpoint("alice", receiver.url("/acme-only"), "Acme's private endpoint");
		String eventId = api("alice", "POST", "/v1/webhooks/" + id + "/test", "{}").get("id").asString();
		Browser bob = signedIn("bob");
		assertThat(bob.bodyText()).doesNotContain("acme-only").doesNotContain("Acme's private endpoint");

		bob.open(page("bob", "#/events"));
		bob.find("#event-rows tr");

		assertThat(bob.bodyText()).doesNotContain(eventId).doesNotContain("acme-only");
		bob.open(page("bob", "#/event/" + id + "/" + eventId));
		bob.waitForText("#message", "No webhook endpoint");
		assertThat(bob.bodyText()).doesNotContain("acme-only");
		// a refused call is logged by the browser; nothing else is
		assertThat(bob.problems()).allMatch((line) -> line.contains("404"));
	}

	@Test
	void drawsTheActivityChartAndFitsADesktopAndAPhone() throws Exception {
		TestReceiver receiver = receiver(TestReceiver.answering(200, 400, 200));
		String id = endpoint("alice", receiver.url(), "Charted");
		for (int i = 0; i < 3; i++) {
			api("alice", "POST", "/v1/webhooks/" + id + "/test", "{}");
		}
		org.awaitility.Awaitility.await().atMost(Browser.WAIT).until(() -> receiver.count() == 3);
		Browser desktop = signIn(browser(1280, 800), "alice");
		desktop.open(page("alice", "#/activity"));
		desktop.waitFor((driver) -> Integer.parseInt(desktop.find("#chart").getDomAttribute("data-total") == null ? "0"
				: desktop.find("#chart").getDomAttribute("data-total")) >= 3 ? true : null);
		assertThat(desktop.all("#chart svg rect.bar-succeeded")).isNotEmpty();
		assertThat(desktop.all("#chart svg rect.bar-failed")).isNotEmpty();
		desktop.screenshot("activity");
		assertFits(desktop);
		assertNoProblems(desktop);

		Browser phone = signIn(browser(390, 844), "alice");
		for (String view : List.of("#/endpoints", "#/events", "#/activity")) {
			phone.open(page("alice", view));
			phone.find("#view section");
			assertFits(phone);
		}
		phone.open(page("alice", "#/endpoints"));
		phone.find("#endpoint-rows tr[data-endpoint-id]");
		phone.screenshot("phone");
		assertNoProblems(phone);
	}

	@Test
	void servesThePageWithAContentSecurityPolicyAndNoInlineScript() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
				"http://127.0.0.1:" + this.port + "/webhooks")).header("Authorization", "Basic "
						+ Base64.getEncoder().encodeToString("alice:alice".getBytes(StandardCharsets.UTF_8)))
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(200);
		String policy = response.headers().firstValue("Content-Security-Policy").orElseThrow();
		assertThat(policy).contains("default-src 'self'").contains("script-src 'self'").doesNotContain("unsafe");
		assertThat(response.body()).contains("<meta name=\"webhooks-api-base\" content=\"/v1/webhooks\">")
			.containsPattern("<script type=\"module\" src=\"/webhooks/assets/[0-9a-f]+/app.js\"></script>")
			.doesNotContainPattern("<script>|<script [^>]*>[^<]");
		assertThat(response.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
	}

	@Test
	void opensAPortalLinkForItsTenantOnceAndRefusesItTheSecondTime() throws Exception {
		String id = endpoint("alice", "https://hooks.example.com/portal-acme", "Seen through the portal");
		endpoint("bob", "https://hooks.example.com/portal-globex", "Globex only");
		String link = api("alice", "POST", "/v1/webhooks/portal-sessions", "{}").get("url").asString();
		assertThat(link).startsWith("http://127.0.0.1:" + this.port + "/webhooks/#portal-token=");

		// a customer with no login of the application's opens the link
		Browser customer = browser(1280, 800);
		customer.open(link);

		customer.find("tr[data-endpoint-id='" + id + "']");
		assertThat(customer.driver().getCurrentUrl()).doesNotContain("portal-token");
		assertThat(customer.bodyText()).contains("Portal session").doesNotContain("portal-globex");
		assertNoProblems(customer);

		Browser second = browser(1280, 800);
		second.open(link);

		second.waitForText("#portal-refused", "already used or has expired");
		assertThat(second.bodyText()).doesNotContain("portal-acme");
		assertThat(second.problems()).allMatch((line) -> line.contains("401"));
	}

	static void assertFits(Browser browser) {
		Map<String, Long> size = browser.viewport();
		assertThat(size.get("scroll")).as("page width at a %s px wide window at %s; too wide: %s", size.get("inner"),
				browser.driver().getCurrentUrl(), browser.script("return [...document.querySelectorAll('body *')]"
						+ ".filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)"
						+ ".slice(0, 5).map((e) => e.tagName + '.' + e.className + ' ' + e.getBoundingClientRect().right);"))
			.isLessThanOrEqualTo(size.get("inner"));
	}

}
