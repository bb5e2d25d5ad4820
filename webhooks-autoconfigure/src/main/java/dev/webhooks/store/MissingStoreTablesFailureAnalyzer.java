package dev.webhooks.store;

import dev.webhooks.store.StoreTables.MissingStoreTablesException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a database without the store's tables as Spring Boot reports a wrong configuration: what is missing,
 * and what to do (set {@code webhooks.store.initialize-schema=always}, or give the schema script to Flyway or
 * Liquibase), instead of a stack trace. Registered in {@code META-INF/spring.factories}.
 */
public final class MissingStoreTablesFailureAnalyzer extends AbstractFailureAnalyzer<MissingStoreTablesException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MissingStoreTablesException cause) {
		return new FailureAnalysis(cause.getProblem(), cause.getRemedy(), cause);
	}

}
