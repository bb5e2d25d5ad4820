package dev.webhooks.recipes;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import dev.webhooks.delivery.TestReceiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every recipe test has: one application of the recipe for the whole class (each test uses a tenant of its
 * own), and receivers on loopback that are closed after each test.
 */
@TestInstance(Lifecycle.PER_CLASS)
abstract class RecipeTestSupport {

	final JsonMapper json = JsonMapper.builder().build();

	private final String recipe;

	private final Class<?>[] beans;

	private final List<TestReceiver> receivers = new ArrayList<>();

	RecipeApp app;

	/**
	 * @param recipe the recipe's name
	 * @param beans the recipe's beans besides its configuration
	 */
	RecipeTestSupport(String recipe, Class<?>... beans) {
		this.recipe = recipe;
		this.beans = beans;
	}

	@BeforeAll
	void startRecipe() {
		this.app = RecipeApp.start(this.recipe, this.beans);
	}

	@AfterEach
	void stopReceivers() {
		this.receivers.forEach(TestReceiver::close);
		this.receivers.clear();
	}

	@AfterAll
	void stopRecipe() {
		this.app.close();
	}

	/** A receiver on 127.0.0.1 answering {@code statuses[n]} to the n-th request, the last one after. */
	TestReceiver receiver(int... statuses) throws IOException {
		TestReceiver receiver = TestReceiver.answering(statuses);
		this.receivers.add(receiver);
		return receiver;
	}

}
