package dev.webhooks.endpoint;

/**
 * A value of an endpoint field that breaks a rule, named by the field's API name ({@code rate_limit},
 * {@code ssl_bundle}, {@code ordering}) and a short, stable rule name, so the management API can answer with a
 * problem detail that points at it.
 */
public class InvalidEndpointFieldException extends IllegalArgumentException {

	private final String field;

	private final String rule;

	/**
	 * Create the exception.
	 * @param field the field's API name
	 * @param rule the rule broken
	 * @param message what is wrong, for people
	 */
	public InvalidEndpointFieldException(String field, String rule, String message) {
		super(message);
		this.field = field;
		this.rule = rule;
	}

	/**
	 * The field.
	 * @return the field's API name
	 */
	public String getField() {
		return this.field;
	}

	/**
	 * The rule.
	 * @return the rule name
	 */
	public String getRule() {
		return this.rule;
	}

}
