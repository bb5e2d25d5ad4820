package dev.webhooks.urlguard;

/**
 * The rules of {@link DefaultUrlGuard} that look at where a request would go. Every refusal message names one,
 * so a user can tell which rule to take up, and only some of them yield to the development switch for private
 * networks.
 */
enum GuardRule {

	/** 127.0.0.0/8, ::1 and the name {@code localhost}. */
	LOOPBACK("a loopback address", true),

	/** RFC 1918, carrier-grade NAT and the deprecated IPv6 site-local range. */
	PRIVATE_NETWORK("a private network address", true),

	/** fc00::/7. */
	UNIQUE_LOCAL("an IPv6 unique local address", true),

	/** Names that only a local resolver answers: {@code *.local}, {@code *.internal}, single labels. */
	INTERNAL_NAME("an internal-only host name", true),

	/**
	 * 169.254.0.0/16 and fe80::/10: where instance metadata and credential agents live, so never lifted, not
	 * even for development.
	 */
	LINK_LOCAL("a link-local address", false),

	/** Instance metadata and credential services, by name and by address. */
	CLOUD_METADATA("a cloud metadata service", false),

	/** AWS STS, IAM and EKS auth: requests there can mint or use cloud credentials. */
	CLOUD_CONTROL_PLANE("a cloud control-plane endpoint", false),

	/** 0.0.0.0/8 and ::, which connect to the local host on common systems. */
	UNSPECIFIED("an unspecified address", false),

	/** 224.0.0.0/4 and ff00::/8. */
	MULTICAST("a multicast address", false),

	/** 255.255.255.255. */
	BROADCAST("the broadcast address", false),

	/** Documentation, benchmarking, future-use and transition ranges that no public receiver uses. */
	RESERVED("a reserved address", false);

	private final String description;

	private final boolean privateNetwork;

	GuardRule(String description, boolean privateNetwork) {
		this.description = description;
		this.privateNetwork = privateNetwork;
	}

	/** How a refusal message names the rule, for example {@code a private network address}. */
	String description() {
		return this.description;
	}

	/** Whether {@code allowPrivateNetworks} lifts this rule. */
	boolean isPrivateNetwork() {
		return this.privateNetwork;
	}

}
