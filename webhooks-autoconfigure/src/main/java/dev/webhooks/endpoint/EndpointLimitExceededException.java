package dev.webhooks.endpoint;

/**
 * Thrown when creating an endpoint would give a tenant more endpoints than its {@link EndpointLimit} allows.
 */
public class EndpointLimitExceededException extends IllegalStateException {

	private final String tenantId;

	private final int limit;

	public EndpointLimitExceededException(String tenantId, int limit) {
		super(((tenantId != null) ? "Tenant '" + tenantId + "' already has" : "There already are")
				+ " as many webhook endpoints as allowed (" + limit + ")");
		this.tenantId = tenantId;
		this.limit = limit;
	}

	/**
	 * The tenant at its limit.
	 * @return the tenant, or {@code null}
	 */
	public String getTenantId() {
		return this.tenantId;
	}

	/**
	 * Its limit.
	 * @return the most endpoints it may have
	 */
	public int getLimit() {
		return this.limit;
	}

}
