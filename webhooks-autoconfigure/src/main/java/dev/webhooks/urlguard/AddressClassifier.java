package dev.webhooks.urlguard;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Sorts an IP address into the address classes of {@link GuardRule}, from its bytes alone, without DNS. IPv6
 * forms that carry an IPv4 address (IPv4-mapped, IPv4-compatible, NAT64, 6to4) are judged by that address, so
 * {@code ::ffff:127.0.0.1} is loopback.
 */
final class AddressClassifier {

	/** What refused an address. {@code embedding} is set when the refused part is an embedded IPv4 address. */
	record Verdict(GuardRule rule, String range, String embedding, String embeddedAddress) {
	}

	private record Range(byte[] network, int prefixLength, GuardRule rule, String label, String embedding,
			int embeddedOffset) {

		boolean contains(byte[] address) {
			if (address.length != this.network.length) {
				return false;
			}
			int fullBytes = this.prefixLength / 8;
			for (int i = 0; i < fullBytes; i++) {
				if (address[i] != this.network[i]) {
					return false;
				}
			}
			int remainingBits = this.prefixLength % 8;
			if (remainingBits == 0) {
				return true;
			}
			int mask = (0xff << (8 - remainingBits)) & 0xff;
			return (address[fullBytes] & mask) == (this.network[fullBytes] & mask);
		}

	}

	// Most specific first: the metadata addresses sit inside ranges that the development switch lifts.
	private static final List<Range> IPV4 = List.of(
			range("169.254.169.254/32", GuardRule.CLOUD_METADATA, "instance metadata of AWS, GCP, Azure and OCI"),
			range("169.254.170.2/32", GuardRule.CLOUD_METADATA, "ECS task credentials"),
			range("169.254.170.23/32", GuardRule.CLOUD_METADATA, "EKS Pod Identity credentials"),
			range("100.100.100.200/32", GuardRule.CLOUD_METADATA, "Alibaba Cloud metadata"),
			range("192.0.0.192/32", GuardRule.CLOUD_METADATA, "Oracle Cloud metadata"),
			range("168.63.129.16/32", GuardRule.CLOUD_METADATA, "Azure WireServer"),
			range("255.255.255.255/32", GuardRule.BROADCAST, null),
			range("0.0.0.0/8", GuardRule.UNSPECIFIED, "\"this network\""),
			range("127.0.0.0/8", GuardRule.LOOPBACK, null),
			range("10.0.0.0/8", GuardRule.PRIVATE_NETWORK, null),
			range("172.16.0.0/12", GuardRule.PRIVATE_NETWORK, null),
			range("192.168.0.0/16", GuardRule.PRIVATE_NETWORK, null),
			range("100.64.0.0/10", GuardRule.PRIVATE_NETWORK, "carrier-grade NAT"),
			range("169.254.0.0/16", GuardRule.LINK_LOCAL, null),
			range("224.0.0.0/4", GuardRule.MULTICAST, null),
			range("240.0.0.0/4", GuardRule.RESERVED, "future use"),
			range("192.0.0.0/24", GuardRule.RESERVED, "IETF protocol assignments"),
			range("192.0.2.0/24", GuardRule.RESERVED, "documentation"),
			range("198.51.100.0/24", GuardRule.RESERVED, "documentation"),
			range("203.0.113.0/24", GuardRule.RESERVED, "documentation"),
			range("198.18.0.0/15", GuardRule.RESERVED, "benchmarking"),
			range("192.88.99.0/24", GuardRule.RESERVED, "6to4 relay anycast"));

	private static final List<Range> IPV6 = List.of(
			range("fd00:ec2::254/128", GuardRule.CLOUD_METADATA, "AWS instance metadata"),
			range("fd00:ec2::23/128", GuardRule.CLOUD_METADATA, "EKS Pod Identity credentials"),
			range("fd20:ce::254/128", GuardRule.CLOUD_METADATA, "GCP instance metadata"),
			range("::/128", GuardRule.UNSPECIFIED, null),
			range("::1/128", GuardRule.LOOPBACK, null),
			embedding("::ffff:0:0/96", "an IPv4-mapped address", 12),
			embedding("::/96", "an IPv4-compatible address", 12),
			embedding("64:ff9b::/96", "a NAT64 address", 12),
			embedding("2002::/16", "a 6to4 address", 2),
			range("64:ff9b:1::/48", GuardRule.RESERVED, "local-use NAT64"),
			range("2001::/32", GuardRule.RESERVED, "Teredo"),
			range("2001:db8::/32", GuardRule.RESERVED, "documentation"),
			range("100::/64", GuardRule.RESERVED, "discard-only"),
			range("fc00::/7", GuardRule.UNIQUE_LOCAL, null),
			range("fe80::/10", GuardRule.LINK_LOCAL, null),
			range("fec0::/10", GuardRule.PRIVATE_NETWORK, "deprecated site-local"),
			range("ff00::/8", GuardRule.MULTICAST, null));

	private AddressClassifier() {
	}

	/**
	 * Classify an address.
	 * @param address 4 or 16 bytes
	 * @return what refuses it, or {@code null} for a public address
	 */
	static Verdict classify(byte[] address) {
		for (Range range : (address.length == 4) ? IPV4 : IPV6) {
			if (!range.contains(address)) {
				continue;
			}
			if (range.embedding() == null) {
				return new Verdict(range.rule(), range.label(), null, null);
			}
			byte[] embedded = new byte[4];
			System.arraycopy(address, range.embeddedOffset(), embedded, 0, 4);
			Verdict inner = classify(embedded);
			return (inner != null)
					? new Verdict(inner.rule(), inner.range(), range.embedding(), format(embedded)) : null;
		}
		return null;
	}

	/**
	 * An address as text: dotted IPv4, or IPv6 with the longest run of zero groups shortened (RFC 5952), which
	 * reads better in a message than {@link InetAddress#getHostAddress()}'s full form.
	 * @param address 4 or 16 bytes
	 * @return the text
	 */
	static String format(byte[] address) {
		if (address.length == 4) {
			return (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + "."
					+ (address[3] & 0xff);
		}
		int[] groups = new int[8];
		for (int i = 0; i < 8; i++) {
			groups[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
		}
		int bestStart = -1;
		int bestLength = 1;
		for (int i = 0; i < 8;) {
			int j = i;
			while (j < 8 && groups[j] == 0) {
				j++;
			}
			if (j - i > bestLength) {
				bestStart = i;
				bestLength = j - i;
			}
			i = (j == i) ? i + 1 : j;
		}
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			if (i == bestStart) {
				text.append("::");
				i += bestLength - 1;
				continue;
			}
			if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
				text.append(':');
			}
			text.append(Integer.toHexString(groups[i]));
		}
		return text.toString();
	}

	private static Range range(String cidr, GuardRule rule, String note) {
		int slash = cidr.indexOf('/');
		String label = (note != null) ? cidr + ", " + note : cidr;
		return new Range(parseLiteral(cidr.substring(0, slash)), Integer.parseInt(cidr.substring(slash + 1)), rule,
				label, null, -1);
	}

	private static Range embedding(String cidr, String embedding, int offset) {
		int slash = cidr.indexOf('/');
		return new Range(parseLiteral(cidr.substring(0, slash)), Integer.parseInt(cidr.substring(slash + 1)), null,
				cidr, embedding, offset);
	}

	private static byte[] parseLiteral(String literal) {
		try {
			return literalBytes(literal);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException("Bad literal in the URL guard's tables: " + literal, ex);
		}
	}

	/**
	 * The bytes of an IP literal, 16 for every IPv6 literal: the JDK turns {@code ::ffff:a.b.c.d} into an IPv4
	 * address, which would lose the fact that it was written as IPv6.
	 * @param literal an IPv4 or IPv6 literal, without brackets or zone
	 * @return 4 or 16 bytes
	 * @throws UnknownHostException when the text is not a literal; never a DNS lookup, which the JDK only does
	 * for names, and callers pass only text with a colon or digits and dots
	 */
	static byte[] literalBytes(String literal) throws UnknownHostException {
		byte[] bytes = InetAddress.getByName(literal).getAddress();
		if (bytes.length == 4 && literal.indexOf(':') >= 0) {
			byte[] mapped = new byte[16];
			mapped[10] = (byte) 0xff;
			mapped[11] = (byte) 0xff;
			System.arraycopy(bytes, 0, mapped, 12, 4);
			return mapped;
		}
		return bytes;
	}

}
