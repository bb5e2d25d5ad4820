package dev.webhooks.sample.security;

import java.util.Map;

import dev.webhooks.api.WebhookTenantResolver;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The sample's security: two demo users over HTTP Basic, {@code alice}/{@code alice} of tenant {@code acme} and
 * {@code bob}/{@code bob} of tenant {@code globex}, for the migrations API and the management API under
 * {@code /v1/webhooks}. The receiver paths stay open: a webhook is authenticated by its signature, not by a user.
 * Every route is a stateless API called with credentials on each request, not a browser session, so there is no
 * CSRF token to check. Demo passwords: never use such users in production.
 */
@Configuration(proxyBeanMethods = false)
public class SampleSecurityConfiguration {

	/** The tenant of each demo user. */
	static final Map<String, String> TENANTS = Map.of("alice", "acme", "bob", "globex");

	/**
	 * The demo users, as a plain {@link UserDetailsService}: an {@link InMemoryUserDetailsManager} bean is also a
	 * {@code UserDetailsPasswordService}, so Spring Security would re-encode each password with BCrypt after its
	 * first login and then spend a BCrypt check (most of a core for a tenth of a second) on every stateless call.
	 * @return the users
	 */
	@Bean
	UserDetailsService sampleUsers() {
		InMemoryUserDetailsManager users = new InMemoryUserDetailsManager(
				User.withUsername("alice").password("{noop}alice").build(),
				User.withUsername("bob").password("{noop}bob").build());
		return users::loadUserByUsername;
	}

	/**
	 * The tenant of a request: the authenticated user's, so alice's calls act on acme's endpoints and migrations.
	 * @return the resolver the management API and the migrations API use
	 */
	@Bean
	WebhookTenantResolver sampleTenantResolver() {
		return (request) -> {
			Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
			return (authentication != null && authentication.isAuthenticated())
					? TENANTS.get(authentication.getName()) : null;
		};
	}

	@Bean
	SecurityFilterChain sampleSecurityFilterChain(HttpSecurity http) throws Exception {
		return http
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers("/webhooks/incoming/**", "/v1/webhooks/openapi.json", "/actuator/health")
				.permitAll()
				.anyRequest()
				.authenticated())
			.httpBasic(Customizer.withDefaults())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable())
			.build();
	}

}
