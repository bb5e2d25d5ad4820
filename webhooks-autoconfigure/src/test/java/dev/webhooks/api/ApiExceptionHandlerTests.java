package dev.webhooks.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ApiExceptionHandler}'s answer to a lock not granted in time outside the endpoint changes.
 */
@ExtendWith(OutputCaptureExtension.class)
class ApiExceptionHandlerTests {

	@Test
	void aLockNotGrantedInTimeIsA503WithRetryAfterWhoseDetailLeavesTheLockOutAndWhoseLogNamesIt(
			CapturedOutput output) {
		// given a lock failure whose message names a tenant and a lock
		CannotAcquireLockException failure = new CannotAcquireLockException(
				"advisory lock of idempotency key 'order-7' of tenant 'acme' not granted");

		// when the handler answers it
		ResponseEntity<ProblemDetail> response = new ApiExceptionHandler().busy(failure);

		// then the caller gets a 503 to retry, without the lock's message, and the operators' log gets the message
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER))
			.isEqualTo(String.valueOf(ApiExceptionHandler.RETRY_AFTER_SECONDS));
		ProblemDetail problem = response.getBody();
		assertThat(problem).isNotNull();
		assertThat(problem.getProperties()).containsEntry(ApiExceptionHandler.RULE, "concurrent-change");
		assertThat(problem.getDetail()).contains("retry").doesNotContain("acme", "order-7", "advisory");
		assertThat(output).containsPattern("WARN .*Answered 503 to an API request that waited too long for a lock: "
				+ "advisory lock of idempotency key 'order-7' of tenant 'acme'");
	}

}
