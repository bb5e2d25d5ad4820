package dev.webhooks.testsupport;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Enables PostgreSQL tests when the database answers; otherwise skips them, or fails them under {@code CI=true}
 * so that a CI machine without its database cannot pass by skipping.
 */
class PostgresAvailableCondition implements ExecutionCondition {

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		String problem = PostgresTestDatabase.unavailableReason();
		if (problem == null) {
			return ConditionEvaluationResult.enabled("PostgreSQL answers at " + PostgresTestDatabase.url());
		}
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			throw new IllegalStateException("CI=true and PostgreSQL is required, but " + problem);
		}
		return ConditionEvaluationResult.disabled("PostgreSQL tests skipped: " + problem
				+ " (set WEBHOOKS_TEST_POSTGRES_URL, or run with CI=true to make this a failure)");
	}

}
