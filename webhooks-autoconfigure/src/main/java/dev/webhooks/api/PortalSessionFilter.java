package dev.webhooks.api;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.webhooks.endpoint.PortalSession;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Portal sessions at the door of the management API ({@code {base}/**} only): answers the exchange of a link's
 * token for a session cookie ({@code POST {base}/portal-sessions/exchange}) and its logout
 * ({@code DELETE {base}/portal-sessions/current}) itself, as a login filter does, so that neither depends on the
 * application's security rules; and marks every other API request whose cookie carries a live session as that
 * tenant's, for {@link ApiTenancy} (portal session first, then the application's resolver) and, through the
 * {@link PortalAuthenticator}, for Spring Security.
 * <p>
 * The cookie ({@value #COOKIE}) holds a second random secret, never the link's token; it is {@code HttpOnly},
 * {@code SameSite=Strict}, {@code Secure} on a secure request, and scoped to the API's path, so no other path of
 * the application receives it. A state-changing request with the cookie, and the exchange, must come from the same
 * origin: {@code Sec-Fetch-Site: same-origin}, or else an {@code Origin} equal to the request's own; a cross-site
 * one is refused with 403.
 */
public class PortalSessionFilter extends OncePerRequestFilter {

	/** The name of the session cookie. */
	public static final String COOKIE = "webhooks_portal";

	/** The request attribute holding the tenant of a live portal session; no client can set one. */
	public static final String TENANT_ATTRIBUTE = PortalSessionFilter.class.getName() + ".tenant";

	/** The exchange, relative to the API's base path. */
	public static final String EXCHANGE = "/portal-sessions/exchange";

	/** The logout, relative to the API's base path. */
	public static final String CURRENT = "/portal-sessions/current";

	private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final PortalSessions sessions;

	private final String basePath;

	private final ApiRequestReader reader;

	private final PortalAuthenticator authenticator;

	/**
	 * Create the filter.
	 * @param sessions the portal sessions
	 * @param basePath the API's base path, within the servlet context
	 * @param reader reads the exchange's body
	 * @param authenticator tells the application's security about a live session
	 */
	public PortalSessionFilter(PortalSessions sessions, String basePath, ApiRequestReader reader,
			PortalAuthenticator authenticator) {
		this.sessions = sessions;
		this.basePath = basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
		this.reader = reader;
		this.authenticator = authenticator;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = path(request);
		return !(path.equals(this.basePath) || path.startsWith(this.basePath + "/"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = path(request);
		String method = request.getMethod().toUpperCase(Locale.ROOT);
		if (path.equals(this.basePath + EXCHANGE) && method.equals("POST")) {
			exchange(request, response);
			return;
		}
		String secret = cookie(request);
		if (path.equals(this.basePath + CURRENT) && method.equals("DELETE")) {
			// idempotent: a browser without a session is logged out already
			if (!sameOrigin(request)) {
				crossSite(request, response);
				return;
			}
			this.sessions.end(secret);
			clearCookie(request, response);
			response.setStatus(HttpStatus.NO_CONTENT.value());
			return;
		}
		if (secret != null) {
			Optional<PortalSession> session = this.sessions.find(secret);
			if (session.isPresent()) {
				if (!SAFE_METHODS.contains(method) && !sameOrigin(request)) {
					crossSite(request, response);
					return;
				}
				request.setAttribute(TENANT_ATTRIBUTE, session.get().tenantId());
				this.authenticator.authenticated(request, response, session.get().tenantId());
			}
			else {
				// expired or revoked: the browser drops it, and the request goes on as any other
				clearCookie(request, response);
			}
		}
		chain.doFilter(request, response);
	}

	private void exchange(HttpServletRequest request, HttpServletResponse response) throws IOException {
		if (!sameOrigin(request)) {
			crossSite(request, response);
			return;
		}
		ExchangeBody body;
		try {
			body = this.reader.read(request, ExchangeBody.class, null);
		}
		catch (ApiProblemException ex) {
			problem(request, response, ex.getStatus(), ex.getField(), ex.getRule(), ex.getMessage());
			return;
		}
		Optional<PortalSessions.Opened> opened = this.sessions.exchange(body.token());
		if (opened.isEmpty()) {
			// one answer for an unknown, used, expired or revoked token: nothing tells them apart
			problem(request, response, HttpStatus.UNAUTHORIZED, "token", "portal-link-invalid",
					"portal link already used or expired");
			return;
		}
		Instant expiresAt = opened.get().session().expiresAt();
		response.addHeader(HttpHeaders.SET_COOKIE, cookie(request, opened.get().secret(),
				this.sessions.remaining(opened.get().session())).toString());
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("expires_at", expiresAt.toString());
		write(response, HttpStatus.OK, MediaType.APPLICATION_JSON_VALUE, answer);
	}

	private String cookie(HttpServletRequest request) {
		Cookie[] cookies = request.getCookies();
		if (cookies == null) {
			return null;
		}
		for (Cookie cookie : cookies) {
			if (COOKIE.equals(cookie.getName()) && !cookie.getValue().isEmpty()) {
				return cookie.getValue();
			}
		}
		return null;
	}

	private ResponseCookie cookie(HttpServletRequest request, String value, Duration maxAge) {
		return ResponseCookie.from(COOKIE, value)
			.httpOnly(true)
			.secure(request.isSecure())
			.sameSite("Strict")
			.path(request.getContextPath() + this.basePath)
			.maxAge(maxAge)
			.build();
	}

	private void clearCookie(HttpServletRequest request, HttpServletResponse response) {
		response.addHeader(HttpHeaders.SET_COOKIE, cookie(request, "", Duration.ZERO).toString());
	}

	/**
	 * Whether a request comes from a page of the same origin. Browsers send {@code Sec-Fetch-Site} (and an
	 * {@code Origin} on every cross-origin request); a request with neither is not a browser's cross-site one, and
	 * the {@code SameSite=Strict} cookie is not sent cross-site anyway.
	 */
	static boolean sameOrigin(HttpServletRequest request) {
		String site = request.getHeader("Sec-Fetch-Site");
		if (site != null) {
			return site.equalsIgnoreCase("same-origin");
		}
		String origin = request.getHeader(HttpHeaders.ORIGIN);
		if (origin == null) {
			return true;
		}
		try {
			URI uri = URI.create(origin);
			String host = request.getHeader(HttpHeaders.HOST);
			String authority = (uri.getPort() >= 0) ? uri.getHost() + ":" + uri.getPort() : uri.getHost();
			return host != null && uri.getHost() != null && (host.equalsIgnoreCase(authority)
					|| host.equalsIgnoreCase(uri.getHost() + ":" + defaultPort(uri.getScheme())));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static int defaultPort(String scheme) {
		return "https".equalsIgnoreCase(scheme) ? 443 : 80;
	}

	private void crossSite(HttpServletRequest request, HttpServletResponse response) throws IOException {
		problem(request, response, HttpStatus.FORBIDDEN, null, "cross-site-request",
				"A portal session's state-changing calls must come from a page of this site");
	}

	private static void problem(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
			String field, String rule, String detail) throws IOException {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		problem.put("title", status.getReasonPhrase());
		problem.put("status", status.value());
		problem.put("detail", detail);
		problem.put("instance", request.getRequestURI());
		if (field != null) {
			problem.put(ApiExceptionHandler.FIELD, field);
		}
		problem.put(ApiExceptionHandler.RULE, rule);
		write(response, status, MediaType.APPLICATION_PROBLEM_JSON_VALUE, problem);
	}

	private static void write(HttpServletResponse response, HttpStatus status, String contentType, Object body)
			throws IOException {
		response.setStatus(status.value());
		response.setContentType(contentType);
		response.setCharacterEncoding("UTF-8");
		response.getOutputStream().write(JSON.writeValueAsBytes(body));
	}

	private static String path(HttpServletRequest request) {
		String uri = request.getRequestURI();
		String context = request.getContextPath();
		return (context != null && !context.isEmpty() && uri.startsWith(context)) ? uri.substring(context.length())
				: uri;
	}

	/**
	 * The body of an exchange.
	 *
	 * @param token the token from the portal link's fragment
	 */
	public record ExchangeBody(String token) {

		@Override
		public String toString() {
			return "ExchangeBody[token=(hidden)]";
		}

	}

}
