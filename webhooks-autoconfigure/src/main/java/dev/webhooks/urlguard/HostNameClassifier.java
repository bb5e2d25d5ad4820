package dev.webhooks.urlguard;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Sorts host names into the name rules of {@link GuardRule} by their text alone, without DNS, and reads the
 * numeric IPv4 forms that resolvers accept besides dotted decimal ({@code 2130706433}, {@code 0x7f.1},
 * {@code 0177.0.0.1}), so they cannot slip past the address rules as if they were names.
 */
final class HostNameClassifier {

	/** What refused a name. */
	record Verdict(GuardRule rule, String detail) {
	}

	/** Metadata services by name; some also resolve inside a private range, so they get a rule of their own. */
	private static final Set<String> METADATA_HOSTS = Set.of("metadata.google.internal", "metadata.goog", "metadata",
			"metadata.azure.com", "instance-data", "instance-data.ec2.internal", "metadata.tencentyun.com");

	private static final List<String> INTERNAL_SUFFIXES = List.of("local", "internal", "localdomain", "home.arpa");

	/** Domains of AWS service endpoints, commercial, China and dual-stack. */
	private static final List<String> AWS_DOMAINS = List.of("amazonaws.com", "amazonaws.com.cn", "api.aws",
			"api.amazonwebservices.com.cn");

	/**
	 * Labels that name the credential-bearing AWS services in an endpoint host, regional, FIPS, GovCloud, China
	 * and VPC endpoint forms alike ({@code sts.us-gov-west-1.amazonaws.com},
	 * {@code vpce-1.sts.us-east-1.vpce.amazonaws.com}).
	 */
	private static final Set<String> AWS_CONTROL_PLANE_LABELS = Set.of("sts", "sts-fips", "iam", "iam-fips",
			"eks-auth", "eks-auth-fips");

	private HostNameClassifier() {
	}

	/**
	 * Lower-case a host and drop trailing dots: {@code LOCALHOST.} is {@code localhost} to a resolver.
	 * @param host the host as written
	 * @return the normalised host
	 */
	static String normalise(String host) {
		String name = host.toLowerCase(Locale.ROOT);
		while (name.endsWith(".")) {
			name = name.substring(0, name.length() - 1);
		}
		return name;
	}

	/**
	 * Classify a normalised host name that is not an IP literal.
	 * @param name the name
	 * @return what refuses it, or {@code null} when no name rule does
	 */
	static Verdict classify(String name) {
		if (METADATA_HOSTS.contains(name)) {
			return new Verdict(GuardRule.CLOUD_METADATA, null);
		}
		if (isAwsControlPlane(name)) {
			return new Verdict(GuardRule.CLOUD_CONTROL_PLANE, "AWS STS, IAM or EKS auth");
		}
		if (name.equals("localhost") || name.endsWith(".localhost")) {
			return new Verdict(GuardRule.LOOPBACK, "localhost");
		}
		for (String suffix : INTERNAL_SUFFIXES) {
			if (name.equals(suffix) || name.endsWith("." + suffix)) {
				return new Verdict(GuardRule.INTERNAL_NAME, "." + suffix);
			}
		}
		if (name.indexOf('.') < 0) {
			return new Verdict(GuardRule.INTERNAL_NAME, "a single label, resolved through local search domains");
		}
		return null;
	}

	private static boolean isAwsControlPlane(String name) {
		for (String domain : AWS_DOMAINS) {
			if (name.endsWith("." + domain)) {
				String[] labels = name.substring(0, name.length() - domain.length() - 1).split("\\.");
				for (String label : labels) {
					if (AWS_CONTROL_PLANE_LABELS.contains(label)) {
						return true;
					}
				}
			}
		}
		return false;
	}

	/**
	 * Whether a host is meant as an IPv4 address: its last label is a number, which no top-level domain is
	 * (the WHATWG URL standard's "ends in a number").
	 * @param name a normalised host
	 * @return whether the IPv4 rules apply
	 */
	static boolean endsInANumber(String name) {
		String last = name.substring(name.lastIndexOf('.') + 1);
		if (last.isEmpty()) {
			return false;
		}
		if (last.chars().allMatch((c) -> c >= '0' && c <= '9')) {
			return true;
		}
		return last.startsWith("0x")
				&& last.substring(2).chars().allMatch((c) -> c < 128 && Character.digit(c, 16) >= 0);
	}

	/**
	 * Read a host that ends in a number as the IPv4 address a resolver would make of it: one to four parts,
	 * each decimal, octal (leading {@code 0}) or hexadecimal ({@code 0x}), the last filling the remaining bytes.
	 * @param name a normalised host for which {@link #endsInANumber} holds
	 * @return the four bytes, or {@code null} when it is no valid address
	 */
	static byte[] parseIpv4(String name) {
		String[] parts = name.split("\\.", -1);
		if (parts.length > 4) {
			return null;
		}
		long[] numbers = new long[parts.length];
		for (int i = 0; i < parts.length; i++) {
			numbers[i] = parseIpv4Number(parts[i]);
			if (numbers[i] < 0 || (i < parts.length - 1 && numbers[i] > 255)) {
				return null;
			}
		}
		long last = numbers[parts.length - 1];
		if (last >= (1L << (8 * (5 - parts.length)))) {
			return null;
		}
		long value = last;
		for (int i = 0; i < parts.length - 1; i++) {
			value += numbers[i] << (8 * (3 - i));
		}
		return new byte[] { (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value };
	}

	/** One part of a numeric IPv4 host, or -1 when it is not a number or larger than 32 bits. */
	private static long parseIpv4Number(String part) {
		if (part.isEmpty()) {
			return -1;
		}
		int radix = 10;
		String digits = part;
		if (part.startsWith("0x")) {
			radix = 16;
			digits = part.substring(2);
			if (digits.isEmpty()) {
				return 0;
			}
		}
		else if (part.length() > 1 && part.startsWith("0")) {
			radix = 8;
			digits = part.substring(1);
		}
		long value = 0;
		for (int i = 0; i < digits.length(); i++) {
			char c = digits.charAt(i);
			int digit = (c < 128) ? Character.digit(c, radix) : -1;
			if (digit < 0) {
				return -1;
			}
			value = value * radix + digit;
			if (value > 0xffffffffL) {
				return -1;
			}
		}
		return value;
	}

}
