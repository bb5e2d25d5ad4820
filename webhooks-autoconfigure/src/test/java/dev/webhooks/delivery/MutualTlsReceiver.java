package dev.webhooks.delivery;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

/**
 * An HTTPS receiver on 127.0.0.1 that requires a client certificate signed by the test CA (TLS client-auth
 * "need"): a client without one, or with another, fails the handshake. Records the subject of each accepted
 * client certificate and answers 200.
 */
public final class MutualTlsReceiver implements AutoCloseable {

	private final HttpsServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final List<String> clients = new CopyOnWriteArrayList<>();

	public MutualTlsReceiver(SSLContext serverContext) throws IOException {
		this.server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.setHttpsConfigurator(new HttpsConfigurator(serverContext) {

			@Override
			public void configure(HttpsParameters params) {
				SSLParameters parameters = serverContext.getDefaultSSLParameters();
				parameters.setNeedClientAuth(true);
				params.setSSLParameters(parameters);
			}

		});
		this.server.setExecutor(this.executor);
		this.server.createContext("/", (exchange) -> {
			exchange.getRequestBody().readAllBytes();
			try {
				X509Certificate client = (X509Certificate) ((HttpsExchange) exchange).getSSLSession()
					.getPeerCertificates()[0];
				this.clients.add(client.getSubjectX500Principal().getName());
			}
			catch (SSLPeerUnverifiedException ex) {
				this.clients.add("none");
			}
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		this.server.start();
	}

	/** The URL of a path, with the host name {@code localhost} (the server certificate's name). */
	public String url(String path) {
		return "https://localhost:" + this.server.getAddress().getPort() + path;
	}

	/** The subjects of the client certificates of the requests that got through, in order. */
	public List<String> clients() {
		return this.clients;
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
