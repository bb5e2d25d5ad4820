package dev.webhooks.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A test CA and certificates signed by it, made at test time with the JDK's {@code keytool} in a temporary
 * directory (no key is committed): a server certificate for the name {@code localhost} only (not its address, so a client that verified against
 * the address it connected to would fail), a client
 * certificate the CA signed, a client certificate it did not sign, and a trust store holding only the CA. Every
 * store is PKCS12 with the password {@link #PASSWORD}.
 */
public final class TestCertificates {

	public static final String PASSWORD = "changeit";

	private final Path directory;

	private TestCertificates(Path directory) {
		this.directory = directory;
	}

	/** Generate the CA and the certificates. */
	public static TestCertificates generate() throws IOException, InterruptedException {
		Path dir = Files.createTempDirectory("test-ca");
		TestCertificates certificates = new TestCertificates(dir);
		certificates.keytool("-genkeypair", "-keystore", "ca.p12", "-alias", "ca", "-dname", "CN=Webhooks Test CA",
				"-keyalg", "EC", "-groupname", "secp256r1", "-ext", "bc:c", "-validity", "2");
		certificates.keytool("-exportcert", "-keystore", "ca.p12", "-alias", "ca", "-rfc", "-file", "ca.pem");
		certificates.keytool("-importcert", "-keystore", "trust.p12", "-alias", "ca", "-file", "ca.pem", "-noprompt");
		certificates.signed("server", "CN=localhost", "san=dns:localhost");
		certificates.signed("client", "CN=webhooks-client", null);
		certificates.keytool("-genkeypair", "-keystore", "stranger.p12", "-alias", "stranger",
				"-dname", "CN=not-signed-by-the-test-ca", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2");
		return certificates;
	}

	private void signed(String name, String dname, String extension) throws IOException, InterruptedException {
		String store = name + ".p12";
		keytool("-genkeypair", "-keystore", store, "-alias", name, "-dname", dname, "-keyalg", "EC", "-groupname",
				"secp256r1", "-validity", "2");
		keytool("-certreq", "-keystore", store, "-alias", name, "-file", name + ".csr");
		List<String> gencert = new ArrayList<>(List.of("-gencert", "-keystore", "ca.p12", "-alias", "ca", "-infile",
				name + ".csr", "-outfile", name + ".pem", "-rfc", "-validity", "2"));
		if (extension != null) {
			gencert.add("-ext");
			gencert.add(extension);
		}
		keytool(gencert.toArray(String[]::new));
		keytool("-importcert", "-keystore", store, "-alias", "ca", "-file", "ca.pem", "-noprompt");
		keytool("-importcert", "-keystore", store, "-alias", name, "-file", name + ".pem", "-noprompt");
	}

	private void keytool(String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
		command.addAll(List.of(arguments));
		command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
		if (arguments[0].equals("-genkeypair")) {
			command.addAll(List.of("-keypass", PASSWORD));
		}
		Process process = new ProcessBuilder(command).directory(this.directory.toFile()).redirectErrorStream(true)
			.start();
		byte[] output = process.getInputStream().readAllBytes();
		if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IllegalStateException("keytool " + String.join(" ", arguments) + " failed: " + new String(output));
		}
	}

	/** A key store file: {@code server.p12}, {@code client.p12}, {@code stranger.p12} or {@code trust.p12}. */
	public Path store(String name) {
		return this.directory.resolve(name);
	}

	/**
	 * An SSL context with the key of a key store (or none) that trusts the test CA.
	 * @param keyStore {@code server.p12}, {@code client.p12}, {@code stranger.p12}, or {@code null} for no key
	 */
	public SSLContext context(String keyStore) throws Exception {
		KeyManagerFactory keys = null;
		if (keyStore != null) {
			keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keys.init(load(keyStore), PASSWORD.toCharArray());
		}
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(load("trust.p12"));
		SSLContext context = SSLContext.getInstance("TLS");
		context.init((keys != null) ? keys.getKeyManagers() : null, trust.getTrustManagers(), null);
		return context;
	}

	private KeyStore load(String name) throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(store(name))) {
			store.load(in, PASSWORD.toCharArray());
		}
		return store;
	}

}
