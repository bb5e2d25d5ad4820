package dev.webhooks.api;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.webhooks.api.ManagementApiContractTests.BASE;
import static dev.webhooks.api.ManagementApiContractTests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The management API's limits with the URL guard as in production (no development switches): the endpoints per
 * tenant, the request size, and the URL classes the guard's development switch would lift.
 */
@SpringBootTest(classes = ApiTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:management-api-limits;DB_CLOSE_DELAY=-1",
				"webhooks.api.enabled=true", "webhooks.publisher.max-endpoints-per-tenant=2" })
class H2ManagementApiLimitsTests {

	@LocalServerPort
	int port;

	@Autowired
	DataSource dataSource;

	@Test
	void aTenantAtItsLimitCannotCreateAnotherEndpointWhileOthersStillCan() {
		ApiClient acme = new ApiClient(this.port, "acme");
		for (int i = 0; i < 2; i++) {
			assertThat(acme.post(BASE, "{\"url\":\"https://hooks.example.com/" + i + "\"}").status()).isEqualTo(201);
		}

		assertProblem(acme.post(BASE, "{\"url\":\"https://hooks.example.com/third\"}"), 409, null, "max-endpoints");

		assertThat(count("acme")).isEqualTo(2);
		assertThat(new ApiClient(this.port, "globex").post(BASE, "{\"url\":\"https://hooks.example.com/g\"}").status())
			.isEqualTo(201);
	}

	@Test
	void refusesEveryAddressClassOfAPrivateNetwork() {
		ApiClient client = new ApiClient(this.port, "globex");
		int before = count("globex");
		for (String url : List.of("https://127.0.0.1/hook", "https://localhost/hook", "https://[::1]/hook",
				"https://10.0.0.8/hook", "https://192.168.1.1/hook", "https://172.16.0.1/hook", "https://100.64.0.1/hook",
				"https://[fd00::1]/hook", "https://printer.local/hook", "https://intranet/hook",
				"http://hooks.example.com/plain-http")) {
			assertProblem(client.post(BASE, "{\"url\":\"" + url + "\"}"), 422, "url", "url-guard");
		}
		assertThat(count("globex")).isEqualTo(before);
	}

	@Test
	void aBodyOver64KilobytesIsRefusedWithoutBeingReadWhole() throws Exception {
		String body = "{\"description\":\"" + "x".repeat(64 * 1024) + "\",\"url\":\"https://hooks.example.com/big\"}";
		ApiClient client = new ApiClient(this.port, "globex");
		int before = count("globex");

		assertProblem(client.post(BASE, body), 413, null, "max-size");
		// without a Content-Length (chunked), the read stops after the limit
		HttpRequest chunked = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + BASE))
			.header("Content-Type", "application/json")
			.header("Authorization", "Basic " + Base64.getEncoder()
				.encodeToString(("globex:" + ApiTestApplication.PASSWORD).getBytes(StandardCharsets.UTF_8)))
			.POST(HttpRequest.BodyPublishers
				.ofInputStream(() -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))
			.build();
		HttpResponse<String> response = HttpClient.newHttpClient().send(chunked, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.body()).contains("\"rule\":\"max-size\"");

		assertThat(count("globex")).isEqualTo(before);
	}

	private int count(String tenant) {
		return new JdbcTemplate(this.dataSource).queryForObject(
				"SELECT COUNT(*) FROM webhook_endpoint WHERE tenant_id = ? AND deleted_at IS NULL", Integer.class,
				tenant);
	}

}
