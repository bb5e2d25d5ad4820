package dev.webhooks.urlguard;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class DefaultUrlGuardTests {

	private final DefaultUrlGuard guard = new DefaultUrlGuard();

	private final DefaultUrlGuard development = DefaultUrlGuard.builder()
		.allowHttp(true)
		.allowPrivateNetworks(true)
		.build();

	// every address class of reference/002's list and of the issue, as a literal and the rule that refuses it
	@ParameterizedTest(name = "{0} is {1}")
	@CsvSource(delimiter = '|', textBlock = """
			127.0.0.1                  | a loopback address (127.0.0.0/8)
			127.255.255.254            | a loopback address (127.0.0.0/8)
			10.0.0.5                   | a private network address (10.0.0.0/8)
			172.16.0.1                 | a private network address (172.16.0.0/12)
			172.31.255.255             | a private network address (172.16.0.0/12)
			192.168.1.1                | a private network address (192.168.0.0/16)
			100.64.0.1                 | a private network address (100.64.0.0/10, carrier-grade NAT)
			100.127.255.254            | a private network address (100.64.0.0/10, carrier-grade NAT)
			169.254.1.1                | a link-local address (169.254.0.0/16)
			169.254.169.254            | a cloud metadata service (169.254.169.254/32
			169.254.170.2              | a cloud metadata service (169.254.170.2/32, ECS task credentials)
			100.100.100.200            | a cloud metadata service (100.100.100.200/32, Alibaba Cloud metadata)
			192.0.0.192                | a cloud metadata service (192.0.0.192/32, Oracle Cloud metadata)
			168.63.129.16              | a cloud metadata service (168.63.129.16/32, Azure WireServer)
			0.0.0.0                    | an unspecified address (0.0.0.0/8
			0.1.2.3                    | an unspecified address (0.0.0.0/8
			224.0.0.1                  | a multicast address (224.0.0.0/4)
			239.255.255.250            | a multicast address (224.0.0.0/4)
			255.255.255.255            | the broadcast address (255.255.255.255/32)
			240.0.0.1                  | a reserved address (240.0.0.0/4, future use)
			192.0.2.1                  | a reserved address (192.0.2.0/24, documentation)
			198.18.0.1                 | a reserved address (198.18.0.0/15, benchmarking)
			::1                        | a loopback address (::1/128)
			::                         | an unspecified address (::/128)
			fc00::1                    | an IPv6 unique local address (fc00::/7)
			fd12:3456:789a::1          | an IPv6 unique local address (fc00::/7)
			fe80::1                    | a link-local address (fe80::/10)
			febf:ffff::1               | a link-local address (fe80::/10)
			fec0::1                    | a private network address (fec0::/10, deprecated site-local)
			ff02::1                    | a multicast address (ff00::/8)
			fd00:ec2::254              | a cloud metadata service (fd00:ec2::254/128, AWS instance metadata)
			fd20:ce::254               | a cloud metadata service (fd20:ce::254/128, GCP instance metadata)
			2001:db8::1                | a reserved address (2001:db8::/32, documentation)
			::ffff:127.0.0.1           | a loopback address (127.0.0.0/8)
			::ffff:10.0.0.5            | a private network address (10.0.0.0/8)
			::ffff:169.254.169.254     | a cloud metadata service (169.254.169.254/32
			""")
	void refusesEveryAddressClassByCheckUrlAndCheckAddress(String literal, String rule) throws Exception {
		String host = literal.contains(":") ? "[" + literal + "]" : literal;

		assertThatExceptionOfType(UnsafeUrlException.class)
			.isThrownBy(() -> this.guard.checkUrl(URI.create("https://" + host + "/webhooks")))
			.withMessageStartingWith("refused: " + literal + " is ")
			.withMessageContaining(rule);
		assertThatExceptionOfType(UnsafeUrlException.class)
			.isThrownBy(() -> this.guard.checkAddress(literal, InetAddress.getByName(literal)))
			.withMessageStartingWith("refused: ")
			.withMessageContaining(rule);
	}

	// IPv6 forms that carry an IPv4 address are judged by that address
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			::ffff:7f00:1        | an IPv4-mapped address of 127.0.0.1, a loopback address (127.0.0.0/8)
			::ffff:a9fe:a9fe     | an IPv4-mapped address of 169.254.169.254, a cloud metadata service
			::127.0.0.1          | an IPv4-compatible address of 127.0.0.1, a loopback address
			64:ff9b::a9fe:a9fe   | a NAT64 address of 169.254.169.254, a cloud metadata service
			64:ff9b::c0a8:101    | a NAT64 address of 192.168.1.1, a private network address
			2002:7f00:1::        | a 6to4 address of 127.0.0.1, a loopback address
			2002:a00:5::1        | a 6to4 address of 10.0.0.5, a private network address
			""")
	void refusesIpv6FormsThatEmbedARefusedIpv4Address(String literal, String reason) throws Exception {
		assertThatExceptionOfType(UnsafeUrlException.class)
			.isThrownBy(() -> this.guard.checkUrl(URI.create("https://[" + literal + "]/")))
			.withMessageStartingWith("refused: " + literal + " is " + reason);
		// a 16-byte IPv4-mapped address, as a resolver may hand it over, is judged like its IPv4 address
		byte[] bytes = new byte[16];
		bytes[10] = (byte) 0xff;
		bytes[11] = (byte) 0xff;
		System.arraycopy(new byte[] { 127, 0, 0, 1 }, 0, bytes, 12, 4);
		assertThatExceptionOfType(UnsafeUrlException.class)
			.isThrownBy(() -> this.guard.checkAddress("rebound.example.com",
					Inet6Address.getByAddress(null, bytes, -1)))
			.withMessage("refused: rebound.example.com resolves to ::ffff:7f00:1, which is an IPv4-mapped address of "
					+ "127.0.0.1, a loopback address (127.0.0.0/8)");
	}

	// the numeric forms resolvers accept besides dotted decimal
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			2130706433        | a loopback address
			0x7f000001        | a loopback address
			017700000001      | a loopback address
			0x7f.1            | a loopback address
			0177.0.0.1        | a loopback address
			127.1             | a loopback address
			127.0.1           | a loopback address
			3232235777        | a private network address
			0xa9.0xfe.0xa9.0xfe | a cloud metadata service
			2852039166        | a cloud metadata service
			0                 | an unspecified address
			""")
	void refusesNumericIpv4FormsByTheAddressTheyDenote(String host, String rule) {
		assertThatExceptionOfType(UnsafeUrlException.class)
			.isThrownBy(() -> this.guard.checkUrl(URI.create("https://" + host + ":8443/hook")))
			.withMessageStartingWith("refused: " + host + " is " + rule);
	}

	@ParameterizedTest
	@ValueSource(strings = { "256.1.1.1", "1.2.3.4.5", "1.2.3.4294967296", "example.08", "0x7f.0x100000000" })
	void refusesHostsThatEndInANumberButAreNoAddress(String host) {
		assertThatExceptionOfType(UnsafeUrlException.class)
			.isThrownBy(() -> this.guard.checkUrl(URI.create("https://" + host + "/")))
			.withMessageContaining("is neither a valid IPv4 address nor a host name");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			localhost                          | localhost is a loopback address (localhost)
			LocalHost.                         | localhost is a loopback address (localhost)
			api.localhost                      | api.localhost is a loopback address (localhost)
			printer.local                      | printer.local is an internal-only host name (.local)
			db.internal                        | db.internal is an internal-only host name (.internal)
			ip-10-0-0-5.ec2.internal           | ip-10-0-0-5.ec2.internal is an internal-only host name (.internal)
			router.home.arpa                   | router.home.arpa is an internal-only host name (.home.arpa)
			intranet                           | intranet is an internal-only host name (a single label
			metadata.google.internal           | metadata.google.internal is a cloud metadata service
			Metadata.Google.Internal.          | metadata.google.internal is a cloud metadata service
			metadata.goog                      | metadata.goog is a cloud metadata service
			metadata                           | metadata is a cloud metadata service
			metadata.azure.com                 | metadata.azure.com is a cloud metadata service
			instance-data.ec2.internal         | instance-data.ec2.internal is a cloud metadata service
			sts.amazonaws.com                  | sts.amazonaws.com is a cloud control-plane endpoint (AWS STS, IAM
			sts.us-east-1.amazonaws.com        | sts.us-east-1.amazonaws.com is a cloud control-plane endpoint
			sts-fips.us-east-2.amazonaws.com   | sts-fips.us-east-2.amazonaws.com is a cloud control-plane endpoint
			sts.us-gov-west-1.amazonaws.com    | sts.us-gov-west-1.amazonaws.com is a cloud control-plane endpoint
			sts.cn-north-1.amazonaws.com.cn    | sts.cn-north-1.amazonaws.com.cn is a cloud control-plane endpoint
			sts.eu-west-1.api.aws              | sts.eu-west-1.api.aws is a cloud control-plane endpoint
			vpce-1.sts.us-east-1.vpce.amazonaws.com | vpce-1.sts.us-east-1.vpce.amazonaws.com is a cloud control-plane
			iam.amazonaws.com                  | iam.amazonaws.com is a cloud control-plane endpoint
			iam.us-gov.amazonaws.com           | iam.us-gov.amazonaws.com is a cloud control-plane endpoint
			iam.cn-north-1.amazonaws.com.cn    | iam.cn-north-1.amazonaws.com.cn is a cloud control-plane endpoint
			eks-auth.us-west-2.api.aws         | eks-auth.us-west-2.api.aws is a cloud control-plane endpoint
			""")
	void refusesHostNamesByRuleWithoutDns(String host, String message) {
		assertThatExceptionOfType(UnsafeUrlException.class)
			.isThrownBy(() -> this.guard.checkUrl(URI.create("https://" + host + "/webhooks")))
			.withMessageStartingWith("refused: " + message);
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://example.com/webhooks", "https://hooks.slack.com/services/T000/B000/XXXX",
			"https://Example.COM:8443/path?query=1#part", "https://8.8.8.8/hook", "https://1.1.1.1:443/",
			"https://172.32.0.1/", "https://100.128.0.1/", "https://169.253.255.255/",
			"https://[2606:4700:4700::1111]/",
			"https://[::ffff:8.8.8.8]/", "https://[2002:808:808::1]/", "https://s3.amazonaws.com/bucket/key",
			"https://ec2.us-east-1.amazonaws.com/", "https://sts.example.com/", "https://localhost.example.com/",
			"https://my-internal.example.com/", "https://local.example.org/", "https://xn--caf-dma.example/" })
	void acceptsPublicHostsAndAddresses(String url) {
		assertThatNoException().isThrownBy(() -> this.guard.checkUrl(URI.create(url)));
	}

	@Test
	void acceptsPublicResolvedAddresses() throws Exception {
		for (String literal : List.of("8.8.8.8", "93.184.216.34", "2606:4700:4700::1111", "2a00:1450:4001:80b::200e")) {
			assertThatNoException()
				.isThrownBy(() -> this.guard.checkAddress("receiver.example.com", InetAddress.getByName(literal)));
		}
	}

	@Test
	void checkAddressNamesTheHostAndWhatItResolvedTo() throws Exception {
		assertThatExceptionOfType(UnsafeUrlException.class)
			.isThrownBy(() -> this.guard.checkAddress("rebind.example.com", InetAddress.getByName("10.0.0.5")))
			.withMessage("refused: rebind.example.com resolves to 10.0.0.5, which is a private network address "
					+ "(10.0.0.0/8)");
		assertThatExceptionOfType(UnsafeUrlException.class)
			.isThrownBy(() -> this.guard.checkAddress("10.0.0.5", InetAddress.getByName("10.0.0.5")))
			.withMessage("refused: 10.0.0.5 is a private network address (10.0.0.0/8)");
		assertThatExceptionOfType(UnsafeUrlException.class)
			.isThrownBy(() -> this.guard.checkAddress("v6.example.com", InetAddress.getByName("fe80:0:0:0:0:0:0:1")))
			.withMessage("refused: v6.example.com resolves to fe80::1, which is a link-local address (fe80::/10)");
	}

	@Test
	void refusesPlainHttp() {
		assertThatExceptionOfType(UnsafeUrlException.class)
			.isThrownBy(() -> this.guard.checkUrl(URI.create("http://example.com/webhooks")))
			.withMessage("refused: http URLs are not allowed, only https");
	}

	@ParameterizedTest
	@ValueSource(strings = { "ftp://example.com/file", "file:///etc/passwd", "gopher://example.com/",
			"ws://example.com/", "mailto:ops@example.com" })
	void refusesOtherSchemes(String url) {
		assertThatExceptionOfType(UnsafeUrlException.class)
			.isThrownBy(() -> this.development.checkUrl(URI.create(url)))
			.withMessageStartingWith("refused: ")
			.withMessageContaining("only https");
	}

	@Test
	void refusesRelativeUrlsAndUrlsWithoutAHost() {
		assertThatExceptionOfType(UnsafeUrlException.class).isThrownBy(() -> this.guard.checkUrl(URI.create("/hooks")))
			.withMessage("refused: the URL is not an absolute https URL");
		assertThatExceptionOfType(UnsafeUrlException.class)
			.isThrownBy(() -> this.guard.checkUrl(URI.create("https:///hooks")))
			.withMessageStartingWith("refused: the URL has no host");
		assertThatExceptionOfType(UnsafeUrlException.class).isThrownBy(() -> this.guard.checkUrl(null))
			.withMessage("refused: no URL given");
	}

	@Test
	void refusesUrlsLongerThan2048Characters() {
		String prefix = "https://example.com/";
		URI longest = URI.create(prefix + "a".repeat(2048 - prefix.length()));
		URI tooLong = URI.create(prefix + "a".repeat(2049 - prefix.length()));

		assertThatNoException().isThrownBy(() -> this.guard.checkUrl(longest));
		assertThatExceptionOfType(UnsafeUrlException.class).isThrownBy(() -> this.guard.checkUrl(tooLong))
			.withMessage("refused: the URL is 2049 characters long; at most 2048 are allowed");
	}

	@Test
	void refusesUserInfoWithoutEchoingIt() {
		for (String url : List.of("https://admin:hunter2@example.com/hook", "https://token@example.com/",
				"https://@example.com/")) {
			assertThatExceptionOfType(UnsafeUrlException.class).isThrownBy(() -> this.guard.checkUrl(URI.create(url)))
				.withMessage("refused: the URL carries user-info (credentials before '@')");
		}
	}

	@Test
	void allowHttpPermitsPlainHttpButNothingPrivate() {
		DefaultUrlGuard httpOnly = DefaultUrlGuard.builder().allowHttp(true).build();

		assertThatNoException().isThrownBy(() -> httpOnly.checkUrl(URI.create("http://example.com/hook")));
		assertThatExceptionOfType(UnsafeUrlException.class)
			.isThrownBy(() -> httpOnly.checkUrl(URI.create("http://localhost:8080/hook")))
			.withMessageContaining("loopback");
	}

	@Test
	void allowPrivateNetworksPermitsLoopbackPrivateAndInternalNames() throws Exception {
		for (String url : List.of("http://localhost:8080/webhooks/incoming/anon", "http://127.0.0.1:8080/",
				"http://[::1]:8080/", "http://10.0.0.5/", "http://172.20.0.3/", "http://192.168.1.10/",
				"http://100.64.1.1/", "http://[fd12:3456::1]/", "http://printer.local/", "http://host.docker.internal/",
				"http://receiver:8080/", "http://[::ffff:192.168.1.10]/")) {
			assertThatNoException().as(url).isThrownBy(() -> this.development.checkUrl(URI.create(url)));
		}
		assertThatNoException()
			.isThrownBy(() -> this.development.checkAddress("localhost", InetAddress.getByName("127.0.0.1")));
		assertThatNoException()
			.isThrownBy(() -> this.development.checkAddress("db", InetAddress.getByName("10.1.2.3")));
	}

	@Test
	void allowPrivateNetworksNeverPermitsMetadataLinkLocalOrControlPlane() throws Exception {
		for (String url : List.of("http://169.254.169.254/latest/meta-data/", "http://metadata.google.internal/",
				"http://[fd00:ec2::254]/", "http://100.100.100.200/", "http://[::ffff:169.254.169.254]/",
				"http://169.254.170.2/v2/credentials", "http://metadata/", "http://instance-data/",
				"https://sts.amazonaws.com/", "http://169.254.1.1/", "http://[fe80::1]/", "http://0.0.0.0:8080/",
				"http://224.0.0.1/", "http://255.255.255.255/")) {
			assertThatExceptionOfType(UnsafeUrlException.class).as(url)
				.isThrownBy(() -> this.development.checkUrl(URI.create(url)));
		}
		assertThatExceptionOfType(UnsafeUrlException.class)
			.isThrownBy(() -> this.development.checkAddress("metadata.google.internal",
					InetAddress.getByName("169.254.169.254")))
			.withMessageContaining("a cloud metadata service");
	}

	@Test
	void switchesAreOffByDefault() {
		assertThat(new DefaultUrlGuard().isAllowHttp()).isFalse();
		assertThat(new DefaultUrlGuard().isAllowPrivateNetworks()).isFalse();
		assertThat(DefaultUrlGuard.builder().build().isAllowPrivateNetworks()).isFalse();
		assertThat(this.development).hasToString("DefaultUrlGuard[allowHttp=true, allowPrivateNetworks=true]");
	}

}
