package dev.webhooks.api;

import dev.webhooks.endpoint.EndpointNotFoundException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Answers every error of the management API as an RFC 9457 problem detail ({@code application/problem+json})
 * with two extension members: {@code field}, the body field, query parameter or path segment at fault (absent
 * for the request as a whole), and {@code rule}, a short, stable name of the rule it broke. Spring MVC's own
 * errors (an unsupported method, a missing parameter) are problem details too. Messages never carry a secret.
 * <p>
 * A request that met another one holding a lock or a turn it needs for too long answers 503 with
 * {@code Retry-After}: it is not the caller's fault and succeeds when retried, which a 500 would not say.
 */
@RestControllerAdvice(assignableTypes = { WebhookEndpointsController.class, DeliveryLogController.class,
		MessagesController.class, EventTypesController.class, OpenApiController.class,
		DeliveryStreamController.class, PortalSessionsController.class, ActivityController.class })
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	/** The extension member naming the field at fault. */
	public static final String FIELD = "field";

	/** The extension member naming the rule broken. */
	public static final String RULE = "rule";

	/** The seconds a 503 asks the caller to wait before it retries, in {@code Retry-After}. */
	static final int RETRY_AFTER_SECONDS = 2;

	private static final Log logger = LogFactory.getLog(ApiExceptionHandler.class);

	@ExceptionHandler(ApiProblemException.class)
	ResponseEntity<ProblemDetail> problem(ApiProblemException ex) {
		return respond(ex.getStatus(), ex.getField(), ex.getRule(), ex.getMessage());
	}

	@ExceptionHandler(EndpointNotFoundException.class)
	ResponseEntity<ProblemDetail> endpointNotFound(EndpointNotFoundException ex) {
		return respond(HttpStatus.NOT_FOUND, "id", "not-found", ex.getMessage());
	}

	@ExceptionHandler(TenantRequiredException.class)
	ResponseEntity<ProblemDetail> tenantRequired(TenantRequiredException ex) {
		return respond(HttpStatus.UNAUTHORIZED, null, "authentication-required", ex.getMessage());
	}

	@ExceptionHandler(PessimisticLockingFailureException.class)
	ResponseEntity<ProblemDetail> busy(PessimisticLockingFailureException ex) {
		// outside the endpoint changes (EndpointProblems names those); the message names the lock, so it goes to the
		// operators' log and not into the answer
		logger.warn("Answered 503 to an API request that waited too long for a lock: " + ex.getMessage());
		ApiProblemException busy = ApiProblemException
			.busy("Another request is changing what this one needs; retry in a few seconds");
		return problem(busy);
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		if (body instanceof ProblemDetail problem && problem.getProperties() == null) {
			problem.setProperty(RULE, "http-" + statusCode.value());
		}
		return super.handleExceptionInternal(ex, body, headers, statusCode, request);
	}

	private static ResponseEntity<ProblemDetail> respond(HttpStatus status, String field, String rule, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		if (field != null) {
			problem.setProperty(FIELD, field);
		}
		problem.setProperty(RULE, rule);
		ResponseEntity.BodyBuilder response = ResponseEntity.status(status);
		if (status == HttpStatus.SERVICE_UNAVAILABLE) {
			response.header(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
		}
		return response.contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
