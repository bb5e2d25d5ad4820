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
		Browser browser = browser(1280, 800);
		browser.open(page(user, "#/endpoints"));
		browser.find("#endpoint-rows tr");
		return browser;
	}

	String page(String user, String fragment) {
		return "http://" + user + ":" + user + "@127.0.0.1:" + this.port + "/webhooks/" + fragment;
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

}
