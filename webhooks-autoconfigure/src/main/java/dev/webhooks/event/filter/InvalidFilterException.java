package dev.webhooks.event.filter;

/**
 * A filter document that breaks a rule of the filter language or one of its limits. It names the place that is
 * wrong as a dotted field ({@code filter.data.object.amount.$gt}, {@code filter.$or[1]}), so the management API can
 * point at it in a problem detail, and the rule as a short, stable name ({@code unknown-operator}).
 */
public class InvalidFilterException extends IllegalArgumentException {

	private final String field;

	private final String rule;

	/**
	 * Create the exception.
	 * @param field where in the filter, starting with {@code filter}
	 * @param rule the rule broken
	 * @param message what is wrong, for people
	 */
	public InvalidFilterException(String field, String rule, String message) {
		super(message);
		this.field = field;
		this.rule = rule;
	}

	/**
	 * Where the filter is wrong.
	 * @return a dotted field starting with {@code filter}
	 */
	public String getField() {
		return this.field;
	}

	/**
	 * Which rule it breaks.
	 * @return a short, stable rule name
	 */
	public String getRule() {
		return this.rule;
	}

}
