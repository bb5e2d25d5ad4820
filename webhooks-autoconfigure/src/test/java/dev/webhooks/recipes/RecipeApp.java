package dev.webhooks.recipes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import dev.webhooks.delivery.TestReceiver;
import dev.webhooks.endpoint.CreatedEndpoint;
import dev.webhooks.endpoint.EndpointRequest;
import dev.webhooks.endpoint.WebhookEndpoints;
import dev.webhooks.publish.WebhookPublisher;
import dev.webhooks.testsupport.AdvancingClock;

import tools.jackson.databind.JsonNode;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An application made of {@link RecipeTestApplication} and one recipe's {@code application.yml}
 * ({@code src/test/resources/recipes/<name>.yml}, the text docs/recipes.md shows), on its own embedded H2.
 * <p>
 * Besides the recipe only what the test environment needs is set: plain HTTP to the receiver on loopback (the URL
 * guard's development switches), and a short poll interval so a retry is claimed soon after the clock made it
 * due.
 */
final class RecipeApp implements AutoCloseable {

	static final Duration WAIT = Duration.ofSeconds(20);

	private static final List<String> TEST_ENVIRONMENT = List.of("spring.main.banner-mode=off",
			"webhooks.delivery.url-guard.allow-http=true", "webhooks.delivery.url-guard.allow-private-networks=true",
			"webhooks.delivery.poll-interval=50ms", "webhooks.delivery.outcome-flush-interval=10ms",
			"webhooks.delivery.shutdown-timeout=1s");

	private final ConfigurableApplicationContext context;

	private RecipeApp(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Start the application of a recipe.
	 * @param recipe the recipe's name, for example {@code anvil}
	 * @param beans the recipe's beans besides the configuration, such as Anchor's scheme
	 * @return the running application
	 */
	static RecipeApp start(String recipe, Class<?>... beans) {
		List<Object> sources = new ArrayList<>(List.of(RecipeTestApplication.class));
		sources.addAll(List.of(beans));
		List<String> args = new ArrayList<>();
		args.add("--spring.config.additional-location=classpath:/recipes/" + recipe + ".yml");
		TEST_ENVIRONMENT.forEach((property) -> args.add("--" + property));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(sources.toArray(Class[]::new))
			.web(WebApplicationType.NONE)
			.run(args.toArray(String[]::new));
		return new RecipeApp(context);
	}

	/**
	 * The text of a recipe's configuration, as docs/recipes.md has to show it.
	 * @param recipe the recipe's name
	 * @return the yml
	 */
	static String recipeText(String recipe) {
		try (InputStream in = RecipeApp.class.getResourceAsStream("/recipes/" + recipe + ".yml")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	WebhookPublisher publisher() {
		return bean(WebhookPublisher.class);
	}

	WebhookEndpoints endpoints() {
		return bean(WebhookEndpoints.class);
	}

	AdvancingClock clock() {
		return bean(AdvancingClock.class);
	}

	JdbcTemplate jdbc() {
		return new JdbcTemplate(bean(DataSource.class));
	}

	/** An endpoint a customer of the tenant registered, subscribed to the given types (none: all). */
	CreatedEndpoint endpoint(String tenant, String url, String... eventTypes) {
		return endpoints().create(tenant, EndpointRequest.of(url, eventTypes));
	}

	/**
	 * Let every attempt of the event's one delivery fail at a receiver that answers 503, moving the clock to when
	 * each retry is due instead of waiting for it, until the delivery is dead.
	 * @param receiver the receiver, answering 503
	 * @param eventId the event
	 * @return the requests the receiver got, the first attempt first
	 */
	List<TestReceiver.Received> failEveryAttempt(TestReceiver receiver, String eventId) {
		for (int attempt = 1;; attempt++) {
			int made = attempt;
			// the outcome of this attempt is written: the delivery is dead, or waits unleased for its retry
			Map<String, Object> delivery = await().atMost(WAIT).until(() -> delivery(eventId),
					(row) -> ((Number) row.get("attempts")).intValue() == made && row.get("locked_by") == null);
			if (!"PENDING".equals(delivery.get("status"))) {
				assertThat(delivery.get("status")).isEqualTo("DEAD");
				assertThat(receiver.count()).isEqualTo(made);
				return receiver.requests();
			}
			clock().advanceTo(((OffsetDateTime) delivery.get("next_attempt_at")).toInstant());
		}
	}

	private Map<String, Object> delivery(String eventId) {
		return jdbc().queryForMap("SELECT status, attempts, next_attempt_at, locked_by FROM webhook_delivery "
				+ "WHERE event_id = ?", eventId);
	}

	/**
	 * What the delivery log recorded of how an event's attempts were signed, once they are written.
	 * @param eventId the event, delivered to one endpoint
	 * @return per attempt, the scheme and the signature headers, first attempt first
	 */
	List<String> signaturesLogged(String eventId) {
		return await().atMost(WAIT).until(() -> jdbc().queryForList("""
				SELECT a.signature_scheme || ': ' || a.signature_headers
				FROM webhook_attempt a JOIN webhook_delivery d ON d.id = a.delivery_id
				WHERE d.event_id = ? ORDER BY a.attempt_number
				""", String.class, eventId), (rows) -> !rows.isEmpty());
	}

	/**
	 * Check the time between attempts against a schedule.
	 * @param attemptTimes the time each attempt signed, the first first
	 * @param schedule each attempt's time since the first, as the product documents it
	 */
	static void assertFollowsSchedule(List<Instant> attemptTimes, List<Duration> schedule) {
		assertThat(attemptTimes).hasSameSizeAs(schedule);
		for (int i = 1; i < schedule.size(); i++) {
			Duration expected = schedule.get(i).minus(schedule.get(i - 1));
			Duration actual = Duration.between(attemptTimes.get(i - 1), attemptTimes.get(i));
			// signed in whole seconds; the attempt before took some milliseconds, and the poll that claimed the retry
			assertThat(actual).as("from attempt %d to %d", i, i + 1).isBetween(expected, expected.plusSeconds(2));
		}
	}

	/**
	 * The property names of a JSON object, to compare an envelope's fields with the documented ones.
	 * @param node the object
	 * @return its property names, in order
	 */
	static List<String> propertyNames(JsonNode node) {
		List<String> names = new ArrayList<>();
		node.propertyNames().forEach(names::add);
		return names;
	}

	@Override
	public void close() {
		this.context.close();
	}

}
