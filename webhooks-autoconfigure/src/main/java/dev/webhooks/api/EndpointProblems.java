package dev.webhooks.api;

import java.util.Locale;
import java.util.function.Supplier;

import dev.webhooks.endpoint.EndpointLimitExceededException;
import dev.webhooks.endpoint.InvalidEndpointFieldException;
import dev.webhooks.event.filter.InvalidFilterException;
import dev.webhooks.urlguard.UnsafeUrlException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpStatus;

/**
 * Turns the refusals of the endpoint service into problem details naming the field: the URL guard's into
 * {@code url}, the catalog's and the pattern syntax's into {@code events}, the header checks' into
 * {@code headers}, the filter's into the place in the filter that is wrong ({@code filter.data.amount.$gt}), and
 * those of the delivery controls into their field ({@code rate_limit}, {@code ssl_bundle}, {@code ordering}), the signature-version check's into
 * {@code signature_versions}; a create that waited too long for its tenant's turn, or a lock that timed out or
 * deadlocked, into 503 {@code concurrent-change}.
 */
final class EndpointProblems {

	private static final Log logger = LogFactory.getLog(EndpointProblems.class);

	private EndpointProblems() {
	}

	static <T> T translate(Supplier<T> change) {
		try {
			return change.get();
		}
		catch (UnsafeUrlException ex) {
			throw ApiProblemException.invalid("url", "url-guard", ex.getMessage());
		}
		catch (InvalidFilterException ex) {
			throw ApiProblemException.invalid(ex.getField(), ex.getRule(), ex.getMessage());
		}
		catch (InvalidEndpointFieldException ex) {
			throw ApiProblemException.invalid(ex.getField(), ex.getRule(), ex.getMessage());
		}
		catch (EndpointLimitExceededException ex) {
			// webhooks.publisher.max-endpoints-per-tenant, or an EndpointLimit bean: the one limit there is
			throw new ApiProblemException(HttpStatus.CONFLICT, null, "max-endpoints",
					"The tenant already has " + ex.getLimit() + " endpoints, the most it may have");
		}
		catch (PessimisticLockingFailureException ex) {
			// TenantTurns' 10 s wait, or PostgreSQL's lock_timeout (55P03) or a deadlock (40P01): the message names
			// the tenant and the lock, so it goes to the operators' log and not into the answer
			logger.warn("Answered 503 to a change of endpoints: " + ex.getMessage());
			throw ApiProblemException.busy("The tenant's endpoints are being changed by another request; "
					+ "retry in a few seconds");
		}
		catch (NullPointerException ex) {
			throw ApiProblemException.invalid(null, "null-value", "A list or map of the request holds a null");
		}
		catch (IllegalArgumentException ex) {
			String message = String.valueOf(ex.getMessage());
			String lower = message.toLowerCase(Locale.ROOT);
			if (lower.contains("signature version")) {
				throw ApiProblemException.invalid("signature_versions", "invalid-signature-version", message);
			}
			if (lower.contains("header")) {
				throw ApiProblemException.invalid("headers",
						lower.contains("set by the delivery") ? "reserved-header" : "invalid-header", message);
			}
			if (lower.contains("matches no declared event type")) {
				throw ApiProblemException.invalid("events", "unknown-event-type", message);
			}
			if (lower.contains("event-type pattern") || lower.contains("event type")) {
				throw ApiProblemException.invalid("events", "invalid-event-type", message);
			}
			throw ApiProblemException.invalid(null, "invalid", message);
		}
	}

}
