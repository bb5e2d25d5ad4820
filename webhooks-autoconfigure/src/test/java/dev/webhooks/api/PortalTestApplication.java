package dev.webhooks.api;

import java.security.Principal;
import java.util.Map;

import dev.webhooks.testsupport.AdvancingClock;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The application of the portal tests, secured as a strict application is: every request authenticated (HTTP Basic
 * for {@code alice} of tenant {@code acme} and {@code bob} of tenant {@code globex}), Spring Security's CSRF
 * protection on for every request without credentials, a tenant resolver of its own that maps users to tenants, and a path of its own
 * ({@code /app/whoami}). It writes no configuration for the portal: the starter's must do on its own. Its clock
 * is one the tests move forward.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@EnableWebSecurity
class PortalTestApplication {

	static final Map<String, String> TENANTS = Map.of("alice", "acme", "bob", "globex");

	static final String PASSWORD = ApiTestApplication.PASSWORD;

	@Bean
	InMemoryUserDetailsManager users() {
		return new InMemoryUserDetailsManager(User.withUsername("alice").password("{noop}" + PASSWORD).build(),
				User.withUsername("bob").password("{noop}" + PASSWORD).build());
	}

	@Bean
	WebhookTenantResolver userTenants() {
		return (request) -> {
			Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
			return (authentication != null && authentication.isAuthenticated()) ? TENANTS.get(authentication.getName())
					: null;
		};
	}

	@Bean
	AdvancingClock clock() {
		return new AdvancingClock();
	}

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
		return http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			.httpBasic(Customizer.withDefaults())
			// CSRF tokens stay required, except on the users' own API calls, which carry their credentials
			.csrf((csrf) -> csrf.ignoringRequestMatchers((request) -> request.getHeader("Authorization") != null))
			.build();
	}

	/**
	 * A path of the application outside the management API (a member class, registered with its configuration).
	 */
	@RestController
	static class WhoAmI {

		@GetMapping("/app/whoami")
		String whoami(Principal principal) {
			return principal.getName();
		}

	}

}
