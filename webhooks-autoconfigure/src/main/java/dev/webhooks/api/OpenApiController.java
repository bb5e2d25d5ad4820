package dev.webhooks.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.springframework.core.io.ClassPathResource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the OpenAPI 3.1 description of the management API at {@code {base}/openapi.json}, so the application's
 * customers can read it and generate clients. The document is written by hand
 * ({@code dev/webhooks/api/openapi.json}); its one server is the configured base path. It is public: it
 * describes the API and holds no tenant's data.
 */
@RestController
@RequestMapping(path = "${webhooks.api.base-path:/v1/webhooks}/openapi.json", produces = "application/json")
public class OpenApiController {

	/** Where the document lives on the class path. */
	public static final String DOCUMENT = "dev/webhooks/api/openapi.json";

	private final String document;

	/**
	 * Create the controller.
	 * @param basePath the API's base path, written as the document's server URL
	 */
	public OpenApiController(String basePath) {
		try (InputStream in = new ClassPathResource(DOCUMENT).getInputStream()) {
			this.document = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{{base-path}}", basePath);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + DOCUMENT, ex);
		}
	}

	@GetMapping
	public String document() {
		return this.document;
	}

}
