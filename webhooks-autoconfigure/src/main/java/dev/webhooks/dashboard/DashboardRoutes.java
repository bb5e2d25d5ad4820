package dev.webhooks.dashboard;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The dashboard's routes, a {@link RouterFunction} Spring MVC serves: {@code GET {path}} and {@code GET {path}/}
 * answer the page with its security headers and no caching; {@code GET {path}/assets/{fingerprint}/{file}} the
 * scripts and styles, cached for a year since their URL changes with their content. Nothing else under
 * {@code {path}} is answered here, so routes beneath it (the receiver's {@code /webhooks/incoming}) stay reachable.
 */
public class DashboardRoutes implements RouterFunction<ServerResponse> {

	private static final CacheControl ASSET_CACHING = CacheControl.maxAge(Duration.ofDays(365)).cachePublic()
		.immutable();

	private final DashboardPage page;

	private final DashboardAssets assets;

	private final DashboardPaths paths;

	private final String apiBasePath;

	private final RouterFunction<ServerResponse> routes;

	/**
	 * Create the routes.
	 * @param page the HTML document
	 * @param assets the scripts and styles
	 * @param paths where the dashboard is served
	 * @param apiBasePath the management API's base path, which the page calls
	 */
	public DashboardRoutes(DashboardPage page, DashboardAssets assets, DashboardPaths paths, String apiBasePath) {
		this.page = page;
		this.assets = assets;
		this.paths = paths;
		this.apiBasePath = apiBasePath;
		this.routes = RouterFunctions.route()
			.GET(paths.page(), this::page)
			.GET(paths.page() + "/", this::page)
			.GET(paths.page() + "/assets/{fingerprint}/{file}", this::asset)
			.build();
	}

	@Override
	public Optional<HandlerFunction<ServerResponse>> route(ServerRequest request) {
		return this.routes.route(request);
	}

	@Override
	public void accept(RouterFunctions.Visitor visitor) {
		// lets the actuator's mappings and Spring MVC's logging see the routes themselves
		this.routes.accept(visitor);
	}

	/**
	 * Where the dashboard is served.
	 * @return the paths
	 */
	public DashboardPaths paths() {
		return this.paths;
	}

	private ServerResponse page(ServerRequest request) {
		String context = request.servletRequest().getContextPath();
		String html = this.page.render(context + this.apiBasePath,
				context + this.paths.assets(this.assets.fingerprint()));
		return ServerResponse.ok()
			.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
			.cacheControl(CacheControl.noStore())
			.header("Content-Security-Policy", DashboardPage.CONTENT_SECURITY_POLICY)
			.header("X-Content-Type-Options", "nosniff")
			.header("Referrer-Policy", "no-referrer")
			.header("X-Frame-Options", "SAMEORIGIN")
			.body(html);
	}

	private ServerResponse asset(ServerRequest request) {
		if (!this.assets.fingerprint().equals(request.pathVariable("fingerprint"))) {
			return ServerResponse.status(HttpStatus.NOT_FOUND).build();
		}
		return this.assets.get(request.pathVariable("file"))
			.map((asset) -> ServerResponse.ok()
				.contentType(asset.type())
				.cacheControl(ASSET_CACHING)
				.header("X-Content-Type-Options", "nosniff")
				.body(asset.content()))
			.orElseGet(() -> ServerResponse.status(HttpStatus.NOT_FOUND).build());
	}

	@Override
	public String toString() {
		return this.routes.toString();
	}

}
