package dev.webhooks.receive;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.tomcat.util.res.StringManager;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Tomcat's error report for requests to the receiver that Tomcat itself rejects before Spring MVC runs (a header
 * section larger than {@code server.max-http-request-header-size}, a malformed request line or header): an RFC 9457
 * problem detail ({@code application/problem+json}) instead of Tomcat's HTML page, so a sender logs a reason it
 * can read. A header section that is too large is answered 431 (Request Header Fields Too Large) rather than
 * Tomcat's 400. Requests to any other path get Tomcat's own report, as without this valve; like Spring Boot's
 * default, it shows neither the server's version nor a stack trace.
 */
public class ReceiverProblemReportValve extends ErrorReportValve {

	// the message Tomcat's HTTP/1.1 parser throws for a header section over its limit, in the JVM's locale
	private static final String HEADER_TOO_LARGE = StringManager.getManager("org.apache.coyote.http11")
		.getString("iib.requestheadertoolarge.error");

	private final List<String> pathPrefixes;

	private final String headerLimit;

	/**
	 * Create the valve.
	 * @param pathPrefixes the paths the receiver serves, with the context path: a request whose URI starts with one
	 * of them is answered with a problem detail
	 * @param headerLimit how the header limit is described in the detail, for example
	 * {@code "8KB (server.max-http-request-header-size)"}
	 */
	public ReceiverProblemReportValve(List<String> pathPrefixes, String headerLimit) {
		this.pathPrefixes = List.copyOf(pathPrefixes);
		this.headerLimit = headerLimit;
		setShowReport(false);
		setShowServerInfo(false);
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		if (response.getStatus() < 400 || response.getContentWritten() > 0 || !isReceiverPath(request.getRequestURI())) {
			super.report(request, response, throwable);
			return;
		}
		if (!response.setErrorReported()) {
			return;
		}
		boolean headerTooLarge = throwable != null && HEADER_TOO_LARGE.equals(throwable.getMessage());
		HttpStatus status = headerTooLarge ? HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
				: HttpStatus.resolve(response.getStatus());
		int code = (status != null) ? status.value() : response.getStatus();
		String detail = headerTooLarge
				? "The request's headers are larger than the " + this.headerLimit
						+ " this server accepts; the webhook was not read"
				: "The server could not read the request (" + ((status != null) ? status.getReasonPhrase() : code)
						+ "); the webhook was not read";
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		problem.put("title", (status != null) ? status.getReasonPhrase() : "Error");
		problem.put("status", code);
		problem.put("detail", detail);
		problem.put("outcome", headerTooLarge ? "headers_too_large" : "bad_request");
		try {
			response.setStatus(code);
			// Tomcat closes the connection after a request it could not parse: say so, or a client that pools
			// connections sends its next webhook on a closed one and reads nothing back
			response.setHeader("Connection", "close");
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			byte[] json = JsonMapper.shared().writeValueAsBytes(problem);
			response.setContentLength(json.length);
			response.getOutputStream().write(json);
			response.finishResponse();
		}
		catch (IOException | IllegalStateException ex) {
			// the client went away, or the response was already committed: nothing left to tell it
		}
	}

	private boolean isReceiverPath(String uri) {
		if (uri == null) {
			return false;
		}
		for (String prefix : this.pathPrefixes) {
			if (uri.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

}
