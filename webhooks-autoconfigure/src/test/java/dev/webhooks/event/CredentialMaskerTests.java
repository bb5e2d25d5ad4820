package dev.webhooks.event;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CredentialMaskerTests {

	@Test
	void masksBearerTokens() {
		assertThat(CredentialMasker.mask("401 with Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc"))
			.doesNotContain("eyJhbGciOiJIUzI1NiJ9").contains("*****");
	}

	@Test
	void masksPasswordPairs() {
		assertThat(CredentialMasker.mask("login failed: user=bob password=hunter2 at step 3"))
			.isEqualTo("login failed: user=bob password=***** at step 3");
	}

	@Test
	void masksAwsAccessKeys() {
		assertThat(CredentialMasker.mask("denied for AKIAIOSFODNN7EXAMPLE on s3")).isEqualTo("denied for ***** on s3");
	}

	@Test
	void masksUrlUserInfo() {
		assertThat(CredentialMasker.mask("cannot reach postgres://app:s3cr3t@db:5432/x"))
			.isEqualTo("cannot reach postgres://*****@db:5432/x");
	}

	@Test
	void leavesOrdinaryTextAlone() {
		assertThat(CredentialMasker.mask("Workflow execution failed: Timeout waiting for element"))
			.isEqualTo("Workflow execution failed: Timeout waiting for element");
	}

}
