package dev.webhooks.delivery;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.webhooks.delivery.EndpointLanes.Item;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-endpoint and global in-flight limits.
 */
class EndpointLanesTests {

	@Test
	void anEndpointNeverHoldsMoreThanItsSlots() {
		EndpointLanes<String> lanes = new EndpointLanes<>(2, 10);
		assertThat(lanes.offer("a", "a1")).hasSize(1);
		assertThat(lanes.offer("a", "a2")).hasSize(1);
		assertThat(lanes.offer("a", "a3")).isEmpty();
		assertThat(lanes.inFlight()).isEqualTo(2);
		assertThat(lanes.queued()).isEqualTo(1);
		assertThat(lanes.release("a")).extracting(Item::value).containsExactly("a3");
	}

	@Test
	void aFullEndpointDoesNotBlockAnother() {
		EndpointLanes<String> lanes = new EndpointLanes<>(1, 10);
		lanes.offer("slow", "s1");
		lanes.offer("slow", "s2");
		lanes.offer("slow", "s3");
		assertThat(lanes.offer("fast", "f1")).extracting(Item::value).containsExactly("f1");
	}

	@Test
	void whenTheGlobalLimitIsReachedEndpointsTakeTurns() {
		EndpointLanes<String> lanes = new EndpointLanes<>(2, 2);
		lanes.offer("a", "a1");
		lanes.offer("a", "a2");
		lanes.offer("a", "a3");
		lanes.offer("a", "a4");
		lanes.offer("b", "b1");
		lanes.offer("b", "b2");
		assertThat(lanes.inFlight()).isEqualTo(2);
		// b waited while a held both global slots: it goes first, then they alternate
		List<Item<String>> next = lanes.release("a");
		assertThat(next).extracting(Item::value).containsExactly("b1");
		assertThat(lanes.release("a")).extracting(Item::value).containsExactly("a3");
		assertThat(lanes.release("b")).extracting(Item::value).containsExactly("b2");
		assertThat(lanes.release("a")).extracting(Item::value).containsExactly("a4");
	}

	@Test
	void clearingDropsOnlyWhatWaits() {
		EndpointLanes<String> lanes = new EndpointLanes<>(1, 10);
		lanes.offer("a", "a1");
		lanes.offer("a", "a2");
		assertThat(lanes.clearQueued()).hasSize(1);
		assertThat(lanes.inFlight()).isEqualTo(1);
		assertThat(lanes.release("a")).isEmpty();
		assertThat(lanes.inFlight()).isZero();
	}

}
