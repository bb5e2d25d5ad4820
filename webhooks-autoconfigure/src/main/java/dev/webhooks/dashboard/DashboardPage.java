package dev.webhooks.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.springframework.core.io.ClassPathResource;
import org.springframework.web.util.HtmlUtils;

/**
 * The dashboard's one HTML document: a shell with landmarks that loads the page's module, and hands it its
 * settings in {@code <meta>} tags (HTML-escaped), never in an inline script, so the Content-Security-Policy can
 * forbid every inline script.
 */
public final class DashboardPage {

	/**
	 * The policy the page is served with: scripts, styles and connections (API calls, the event stream) only from
	 * the application itself, nothing inline, no plug-ins, no framing by other sites, no form posts elsewhere.
	 */
	public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
			+ "style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
			+ "form-action 'self'; frame-ancestors 'self'";

	private static final String TEMPLATE = "dev/webhooks/dashboard/index.html";

	private final String template;

	private DashboardPage(String template) {
		this.template = template;
	}

	/**
	 * Read the template from the class path.
	 * @param classLoader the class loader that holds the jar
	 * @return the page
	 */
	public static DashboardPage load(ClassLoader classLoader) {
		try (InputStream in = new ClassPathResource(TEMPLATE, classLoader).getInputStream()) {
			return new DashboardPage(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the dashboard page " + TEMPLATE, ex);
		}
	}

	/**
	 * The document for one request.
	 * @param apiBase the management API's base URL path, with the servlet context path
	 * @param assets the URL path of the assets, with the servlet context path
	 * @return the HTML
	 */
	public String render(String apiBase, String assets) {
		return this.template.replace("{{api-base}}", HtmlUtils.htmlEscape(apiBase, "UTF-8"))
			.replace("{{assets}}", HtmlUtils.htmlEscape(assets, "UTF-8"));
	}

}
