package dev.webhooks.api;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The application of the management API tests: everything auto-configured as in a user's application, secured
 * with Spring Security over HTTP Basic with two tenants, {@code acme} and {@code globex}, whose user names are
 * their tenant ids. The API's routes are open to anonymous requests on purpose, so the tests see the API's own
 * 401 for a request without a tenant.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@EnableWebSecurity
class ApiTestApplication {

	static final String PASSWORD = "secret-password";

	@Bean
	InMemoryUserDetailsManager users() {
		return new InMemoryUserDetailsManager(User.withUsername("acme").password("{noop}" + PASSWORD).build(),
				User.withUsername("globex").password("{noop}" + PASSWORD).build());
	}

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
		return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.httpBasic(Customizer.withDefaults())
			.csrf((csrf) -> csrf.disable())
			.build();
	}

}
