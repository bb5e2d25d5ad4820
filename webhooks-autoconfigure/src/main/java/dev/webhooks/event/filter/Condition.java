package dev.webhooks.event.filter;

import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * A node of a parsed filter: a test of one path, or a logical combination of nodes. Every node is immutable, so a
 * parsed filter is shared by every thread that publishes.
 */
sealed interface Condition {

	/**
	 * Whether the envelope satisfies this node.
	 * @param envelope the envelope as a tree
	 * @return {@code true} when it holds
	 */
	boolean test(JsonNode envelope);

	/** Every node holds; the empty list holds for every envelope. */
	record All(List<Condition> conditions) implements Condition {

		@Override
		public boolean test(JsonNode envelope) {
			for (Condition condition : this.conditions) {
				if (!condition.test(envelope)) {
					return false;
				}
			}
			return true;
		}

	}

	/** At least one node holds. */
	record Any(List<Condition> conditions) implements Condition {

		@Override
		public boolean test(JsonNode envelope) {
			for (Condition condition : this.conditions) {
				if (condition.test(envelope)) {
					return true;
				}
			}
			return false;
		}

	}

	/** The node does not hold. */
	record Not(Condition condition) implements Condition {

		@Override
		public boolean test(JsonNode envelope) {
			return !this.condition.test(envelope);
		}

	}

	/** An operator holds for the value at a path. */
	record PathTest(EnvelopePath path, ValueTest test) implements Condition {

		@Override
		public boolean test(JsonNode envelope) {
			return this.test.test(this.path.resolve(envelope));
		}

	}

}
