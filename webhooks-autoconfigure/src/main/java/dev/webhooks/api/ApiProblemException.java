package dev.webhooks.api;

import org.springframework.http.HttpStatus;

/**
 * A request the management API refuses, answered as an RFC 9457 problem detail that names the field (a body
 * field, query parameter or path segment, or {@code null} for the request as a whole) and the rule it broke.
 */
public class ApiProblemException extends RuntimeException {

	/** The rule of a request that met a concurrent one holding what it needs ({@link #busy(String)}). */
	public static final String BUSY = "concurrent-change";

	private final HttpStatus status;

	private final String field;

	private final String rule;

	/**
	 * Create the exception.
	 * @param status the response status
	 * @param field the field, or {@code null}
	 * @param rule a short, stable name of the rule, such as {@code unknown-field}
	 * @param detail what is wrong, for people; never a secret
	 */
	public ApiProblemException(HttpStatus status, String field, String rule, String detail) {
		super(detail);
		this.status = status;
		this.field = field;
		this.rule = rule;
	}

	/**
	 * A field whose value breaks a rule: 422.
	 * @param field the field
	 * @param rule the rule
	 * @param detail what is wrong
	 * @return the exception
	 */
	public static ApiProblemException invalid(String field, String rule, String detail) {
		return new ApiProblemException(HttpStatus.UNPROCESSABLE_CONTENT, field, rule, detail);
	}

	/**
	 * A request that cannot be read: 400.
	 * @param field the field, or {@code null}
	 * @param rule the rule
	 * @param detail what is wrong
	 * @return the exception
	 */
	public static ApiProblemException badRequest(String field, String rule, String detail) {
		return new ApiProblemException(HttpStatus.BAD_REQUEST, field, rule, detail);
	}

	/**
	 * Something the tenant does not have, or that belongs to another tenant: 404 either way, so ids do not leak.
	 * @param field the path segment
	 * @param detail what was not found
	 * @return the exception
	 */
	public static ApiProblemException notFound(String field, String detail) {
		return new ApiProblemException(HttpStatus.NOT_FOUND, field, "not-found", detail);
	}

	/**
	 * A request that met another one holding what it needs, a lock or a turn, for too long: 503, with a
	 * {@code Retry-After}, because the same request succeeds once the other has completed.
	 * @param detail what was busy, for people; never a tenant's data or the lock's name
	 * @return the exception
	 */
	public static ApiProblemException busy(String detail) {
		return new ApiProblemException(HttpStatus.SERVICE_UNAVAILABLE, null, BUSY, detail);
	}

	public HttpStatus getStatus() {
		return this.status;
	}

	public String getField() {
		return this.field;
	}

	public String getRule() {
		return this.rule;
	}

}
