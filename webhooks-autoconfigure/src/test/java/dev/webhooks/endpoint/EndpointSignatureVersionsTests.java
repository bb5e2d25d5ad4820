package dev.webhooks.endpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.webhooks.event.EventTypeCatalog;
import dev.webhooks.signing.Ed25519Key;
import dev.webhooks.signing.WebhookSecret;
import dev.webhooks.endpoint.WebhookEndpointsTests.PermissiveUrlGuard;
import dev.webhooks.testsupport.InMemoryWebhookStore;
import dev.webhooks.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The signature versions of an endpoint: {@code v1} with a {@code whsec_} secret, {@code v1a} with an ed25519 key
 * pair, or both; made at create, changed and rotated with a grace period, and configured in yml.
 */
class EndpointSignatureVersionsTests {

	private static final String URL = "https://crm.example.com/hook";

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final InMemoryWebhookStore store = new InMemoryWebhookStore();

	private final WebhookEndpoints endpoints = new WebhookEndpoints(this.store,
			new WebhookSubscribers(this.store, Duration.ZERO), new PermissiveUrlGuard(), new EventTypeCatalog(List.of()),
			false, Duration.ofHours(24), this.clock);

	@Test
	void anEndpointSignsV1ByDefault() {
		CreatedEndpoint created = this.endpoints.create("t1", EndpointRequest.of(URL));

		assertThat(created.endpoint().signatureVersions()).containsExactly("v1");
		assertThat(created.endpoint().publicKey()).isNull();
		assertThat(created.secret().reveal()).startsWith("whsec_");
	}

	@Test
	void bothVersionsGiveAWhsecSecretAndAKeyPairWhosePublicKeyIsShown() {
		CreatedEndpoint created = this.endpoints.create("t1", request(List.of("v1a", "v1")));

		WebhookEndpoint endpoint = created.endpoint();
		assertThat(endpoint.signatureVersions()).containsExactly("v1", "v1a");
		assertThat(created.secret().reveal()).startsWith("whsec_");
		assertThat(endpoint.publicKey()).startsWith("whpk_");
		List<WebhookSecret> signing = endpoint.signingSecretsAt(this.clock.instant());
		assertThat(signing).extracting(WebhookSecret::version).containsExactly("v1", "v1a");
		assertThat(signing.get(1).ed25519().isPrivate()).isTrue();
		assertThat(signing.get(1).ed25519().publicText()).isEqualTo(endpoint.publicKey());
	}

	@Test
	void aV1aOnlyEndpointHandsOutNoSecretAtAll() {
		CreatedEndpoint created = this.endpoints.create("t1", request(List.of("v1a")));

		assertThat(created.secret()).isNull();
		assertThat(created.endpoint().signatureVersions()).containsExactly("v1a");
		assertThat(created.endpoint().toString()).doesNotContain(
				created.endpoint().secrets().get(0).secret().reveal().substring(5, 20));
	}

	@Test
	void refusesAnUnknownOrEmptyVersionList() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.endpoints.create("t1", request(List.of("v2"))))
			.withMessageContaining("Unknown signature version 'v2'");
		assertThatIllegalArgumentException().isThrownBy(() -> this.endpoints.create("t1", request(List.of())))
			.withMessageContaining("At least one signature version");
		assertThat(this.store.findAll()).isEmpty();
	}

	@Test
	void rotatingTheSigningKeyKeepsTheOldKeySigningForTheGracePeriodAndLeavesV1Alone() {
		WebhookEndpoint endpoint = this.endpoints.create("t1", request(List.of("v1", "v1a"))).endpoint();
		String oldPublic = endpoint.publicKey();
		WebhookSecret v1 = endpoint.secrets().get(0).secret();

		WebhookEndpoint rotated = this.endpoints.rotateSigningKey("t1", endpoint.id(), Duration.ofHours(1));

		assertThat(rotated.publicKey()).startsWith("whpk_").isNotEqualTo(oldPublic);
		assertThat(rotated.signingSecretsAt(this.clock.instant())).hasSize(3).contains(v1);
		this.clock.advance(Duration.ofMinutes(61));
		List<WebhookSecret> later = rotated.signingSecretsAt(this.clock.instant());
		assertThat(later).extracting(WebhookSecret::version).containsExactlyInAnyOrder("v1", "v1a");
		assertThat(later).filteredOn(WebhookSecret::isEd25519).extracting((s) -> s.ed25519().publicText())
			.containsExactly(rotated.publicKey());
	}

	@Test
	void rotatingTheV1SecretLeavesTheV1aKeyCurrent() {
		WebhookEndpoint endpoint = this.endpoints.create("t1", request(List.of("v1", "v1a"))).endpoint();

		CreatedEndpoint rotated = this.endpoints.rotateSecret("t1", endpoint.id(), Duration.ZERO);

		assertThat(rotated.endpoint().publicKey()).isEqualTo(endpoint.publicKey());
		assertThat(rotated.endpoint().signatureVersions()).containsExactly("v1", "v1a");
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(rotated.endpoint().signingSecretsAt(this.clock.instant())).hasSize(2).contains(rotated.secret());
	}

	@Test
	void addingV1aByAChangeMakesAKeyPairAndDroppingV1KeepsItSigningForTheOverlap() {
		CreatedEndpoint created = this.endpoints.create("t1", EndpointRequest.of(URL));

		CreatedEndpoint changed = this.endpoints.change("t1", created.endpoint().id(),
				new EndpointRequest(null, null, null, null, null, null, null, null, null, List.of("v1a")));

		assertThat(changed.secret()).isNull();
		assertThat(changed.endpoint().signatureVersions()).containsExactly("v1a");
		assertThat(changed.endpoint().publicKey()).startsWith("whpk_");
		assertThat(changed.endpoint().signingSecretsAt(this.clock.instant())).contains(created.secret());
		this.clock.advance(Duration.ofHours(25));
		assertThat(changed.endpoint().signingSecretsAt(this.clock.instant())).extracting(WebhookSecret::version)
			.containsExactly("v1a");
	}

	@Test
	void addingV1ByAChangeHandsOutTheNewSecretOnce() {
		WebhookEndpoint endpoint = this.endpoints.create("t1", request(List.of("v1a"))).endpoint();

		CreatedEndpoint changed = this.endpoints.change("t1", endpoint.id(),
				new EndpointRequest(null, null, null, null, null, null, null, null, null, List.of("v1", "v1a")));

		assertThat(changed.secret().reveal()).startsWith("whsec_");
		assertThat(changed.endpoint().publicKey()).isEqualTo(endpoint.publicKey());
		assertThat(this.endpoints.get("t1", endpoint.id()).signatureVersions()).containsExactly("v1", "v1a");
	}

	@Test
	void aConfiguredEndpointSignsWithItsConfiguredPrivateKey() {
		Ed25519Key key = Ed25519Key.generate();

		WebhookEndpoint endpoint = this.endpoints.upsertStatic(staticEndpoint(List.of(key.reveal()), null));

		assertThat(endpoint.signatureVersions()).containsExactly("v1a");
		assertThat(endpoint.publicKey()).isEqualTo(key.publicText());
	}

	@Test
	void aConfiguredEndpointKeepsItsGeneratedKeyAcrossRestarts() {
		WebhookEndpoint first = this.endpoints.upsertStatic(staticEndpoint(List.of(), List.of("v1", "v1a")));

		WebhookEndpoint again = this.endpoints.upsertStatic(staticEndpoint(List.of(), List.of("v1", "v1a")));

		assertThat(first.publicKey()).startsWith("whpk_");
		assertThat(again.publicKey()).isEqualTo(first.publicKey());
		assertThat(again.secrets()).isEqualTo(first.secrets());
	}

	@Test
	void aConfiguredEndpointRefusesAPublicKeyOrASecretOfAVersionItDoesNotSign() {
		Ed25519Key key = Ed25519Key.generate();

		assertThatIllegalStateException()
			.isThrownBy(() -> this.endpoints.upsertStatic(staticEndpoint(List.of(key.publicText()), null)))
			.withMessageContaining("'crm'").withMessageContaining("public key (whpk_)");
		assertThatIllegalStateException()
			.isThrownBy(() -> this.endpoints.upsertStatic(staticEndpoint(List.of(key.reveal()), List.of("v1"))))
			.withMessageContaining("signature-versions [v1] do not include v1a");
		assertThatIllegalStateException()
			.isThrownBy(() -> this.endpoints.upsertStatic(staticEndpoint(List.of(), List.of("v3"))))
			.withMessageContaining("webhooks.endpoints[n].signature-versions");
	}

	private static EndpointRequest request(List<String> versions) {
		return new EndpointRequest(URL, null, List.of(), Map.of(), null, null, null, null, null, versions);
	}

	private static StaticEndpoint staticEndpoint(List<String> secrets, List<String> versions) {
		return new StaticEndpoint("crm", null, URL, null, List.of(), Map.of(), secrets, true, null, null, null, null,
				versions);
	}

}
