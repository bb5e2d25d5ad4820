package dev.webhooks.event.filter;

import java.math.BigDecimal;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * One operator with its operand, tested against the value found at a path ({@code null} when the path is missing).
 * <p>
 * No value is converted to another JSON type: a number equals only a number ({@code 1} and {@code 1.0} are
 * equal), a string only a string, a boolean only a boolean, {@code null} only {@code null}. An ordering operator
 * compares numbers with numbers and strings with strings (by UTF-16 code unit, so ISO-8601 times of one format
 * compare as times); any other pairing does not hold. When the value is an array, a positive operator holds if it
 * holds for at least one element, and {@code $neq} and {@code $nin} hold if {@code $eq} and {@code $in} hold for
 * none, so {@code {"data.object.tags": "vip"}} means "the tags contain vip".
 */
sealed interface ValueTest {

	/**
	 * Whether the operator holds.
	 * @param value the value at the path, or {@code null} when the path is missing
	 * @return {@code true} when it holds
	 */
	boolean test(JsonNode value);

	/** {@code $exists}: the path is there (a JSON {@code null} is there), or is not. */
	record Exists(boolean expected) implements ValueTest {

		@Override
		public boolean test(JsonNode value) {
			return (value != null) == this.expected;
		}

	}

	/** {@code $neq}, {@code $nin}: the positive operator holds for no element; a missing path holds. */
	record Negated(ValueTest positive) implements ValueTest {

		@Override
		public boolean test(JsonNode value) {
			return !this.positive.test(value);
		}

	}

	/** An operator that holds if it holds for the value, or for one element when the value is an array. */
	non-sealed interface Scalar extends ValueTest {

		boolean testScalar(JsonNode value);

		@Override
		default boolean test(JsonNode value) {
			if (value == null) {
				return false;
			}
			if (value.isArray()) {
				for (JsonNode element : value.values()) {
					if (!element.isContainer() && testScalar(element)) {
						return true;
					}
				}
				return false;
			}
			return !value.isContainer() && testScalar(value);
		}

	}

	/** {@code $eq}, and a bare value. */
	record Equals(Operand operand) implements Scalar {

		@Override
		public boolean testScalar(JsonNode value) {
			return this.operand.isEqualTo(value);
		}

	}

	/** {@code $in}: equal to one of the operands. */
	record In(List<Operand> operands) implements Scalar {

		@Override
		public boolean testScalar(JsonNode value) {
			for (Operand operand : this.operands) {
				if (operand.isEqualTo(value)) {
					return true;
				}
			}
			return false;
		}

	}

	/** {@code $gt}, {@code $gte}, {@code $lt}, {@code $lte}. */
	record Compare(Operand operand, Comparison comparison) implements Scalar {

		@Override
		public boolean testScalar(JsonNode value) {
			Integer order = this.operand.orderOf(value);
			return order != null && this.comparison.holds(order);
		}

	}

	/** {@code $startsWith}: a string value that starts with the operand. */
	record StartsWith(String prefix) implements Scalar {

		@Override
		public boolean testScalar(JsonNode value) {
			return value.isString() && value.stringValue().startsWith(this.prefix);
		}

	}

	/** How an ordering operator reads the order of the value against its operand. */
	enum Comparison {

		GT, GTE, LT, LTE;

		boolean holds(int order) {
			return switch (this) {
				case GT -> order > 0;
				case GTE -> order >= 0;
				case LT -> order < 0;
				case LTE -> order <= 0;
			};
		}

	}

	/**
	 * A scalar operand of the filter, read once when the filter is parsed.
	 *
	 * @param number the operand when it is a number
	 * @param string the operand when it is a string
	 * @param bool the operand when it is a boolean
	 */
	record Operand(BigDecimal number, String string, Boolean bool) {

		static Operand of(JsonNode node) {
			if (node.isNumber()) {
				return new Operand(node.decimalValue(), null, null);
			}
			if (node.isString()) {
				return new Operand(null, node.stringValue(), null);
			}
			if (node.isBoolean()) {
				return new Operand(null, null, node.booleanValue());
			}
			return new Operand(null, null, null);
		}

		boolean isNull() {
			return this.number == null && this.string == null && this.bool == null;
		}

		boolean isEqualTo(JsonNode value) {
			if (this.number != null) {
				return value.isNumber() && this.number.compareTo(value.decimalValue()) == 0;
			}
			if (this.string != null) {
				return value.isString() && this.string.equals(value.stringValue());
			}
			if (this.bool != null) {
				return value.isBoolean() && this.bool == value.booleanValue();
			}
			return value.isNull();
		}

		/** The sign of value minus operand, or {@code null} when they do not compare. */
		Integer orderOf(JsonNode value) {
			if (this.number != null && value.isNumber()) {
				return Integer.signum(value.decimalValue().compareTo(this.number));
			}
			if (this.string != null && value.isString()) {
				return Integer.signum(value.stringValue().compareTo(this.string));
			}
			return null;
		}

	}

}
