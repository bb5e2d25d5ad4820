package dev.webhooks.api;

import dev.webhooks.endpoint.EndpointLimitExceededException;
import dev.webhooks.endpoint.InvalidEndpointFieldException;
import dev.webhooks.event.filter.PayloadFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The endpoint service's refusals as problem details: each names its field and rule.
 */
@ExtendWith(OutputCaptureExtension.class)
class EndpointProblemsTests {

	@Test
	void theServicesEndpointLimitIsAConflictNamedMaxEndpoints() {
		assertThatExceptionOfType(ApiProblemException.class)
			.isThrownBy(() -> EndpointProblems.translate(() -> {
				throw new EndpointLimitExceededException("acme", 3);
			}))
			.satisfies((ex) -> {
				assertThat(ex.getStatus()).isEqualTo(HttpStatus.CONFLICT);
				assertThat(ex.getRule()).isEqualTo("max-endpoints");
				assertThat(ex.getMessage()).contains("3");
			});
	}

	@Test
	void aLockNotGrantedInTimeIsServiceUnavailableWithoutTheLocksMessage() {
		for (RuntimeException lockFailure : new RuntimeException[] {
				new CannotAcquireLockException("turn of tenant 'acme' not granted within 10 seconds"),
				new PessimisticLockingFailureException("deadlock detected on webhook_endpoint of 'acme'") }) {
			assertThatExceptionOfType(ApiProblemException.class).isThrownBy(() -> EndpointProblems.translate(() -> {
				throw lockFailure;
			})).satisfies((ex) -> {
				assertThat(ex.getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
				assertThat(ex.getRule()).isEqualTo("concurrent-change");
				assertThat(ex.getField()).isNull();
				assertThat(ex.getMessage()).contains("another request").doesNotContain("acme", "10", "deadlock");
			});
		}
	}

	@Test
	void aLockNotGrantedInTimeIsLoggedAtWarnWithTheLocksMessage(CapturedOutput output) {
		assertThatExceptionOfType(ApiProblemException.class).isThrownBy(() -> EndpointProblems.translate(() -> {
			throw new CannotAcquireLockException("turn of tenant 'acme' not granted within 10 seconds");
		}));
		assertThat(output).containsPattern("WARN .*Answered 503 to a change of endpoints: turn of tenant 'acme'");
	}

	@Test
	void aFilterOrControlRefusalNamesThePlaceAndTheRule() {
		assertThatExceptionOfType(ApiProblemException.class)
			.isThrownBy(() -> EndpointProblems.translate(() -> PayloadFilter.parse("{\"data.amount\": {\"$gt\": {}}}")))
			.satisfies((ex) -> {
				assertThat(ex.getStatus()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
				assertThat(ex.getField()).isEqualTo("filter.data.amount.$gt");
				assertThat(ex.getRule()).isEqualTo("comparable-operand");
			});
		assertThatExceptionOfType(ApiProblemException.class)
			.isThrownBy(() -> EndpointProblems.translate(() -> {
				throw new InvalidEndpointFieldException("rate_limit", "range", "out of range");
			}))
			.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("rate_limit"));
	}

}
