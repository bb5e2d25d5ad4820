package dev.webhooks.receive;

import java.util.ArrayList;
import java.util.List;

import org.apache.catalina.Container;
import org.apache.catalina.core.StandardHost;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Installs the {@link ReceiverProblemReportValve} on the embedded Tomcat's host, so that requests to the receiver
 * that Tomcat rejects itself get a problem detail. Ordered after Spring Boot's own Tomcat customizer, whose error
 * report valve (when {@code server.error.include-stacktrace=never}, the default) then stays outside this one and
 * finds the response already written.
 */
public class ReceiverProblemReportCustomizer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

	private final List<String> receiverPaths;

	private final String headerLimit;

	/**
	 * Create the customizer.
	 * @param basePath the receiver's base path ({@code webhooks.receiver.path})
	 * @param sources the sources, whose own paths are covered too
	 * @param headerLimit the header limit as the detail names it
	 */
	public ReceiverProblemReportCustomizer(String basePath, WebhookSources sources, String headerLimit) {
		List<String> paths = new ArrayList<>();
		paths.add(basePath.endsWith("/") ? basePath : basePath + "/");
		for (WebhookSource source : sources.all()) {
			paths.add(source.path());
		}
		this.receiverPaths = List.copyOf(paths);
		this.headerLimit = headerLimit;
	}

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		factory.addContextCustomizers((context) -> {
			Container parent = context.getParent();
			List<String> prefixes = this.receiverPaths.stream().map((path) -> context.getPath() + path).toList();
			parent.getPipeline().addValve(new ReceiverProblemReportValve(prefixes, this.headerLimit));
			if (parent instanceof StandardHost host) {
				// else the host adds Tomcat's default valve when it starts, inside this one, and it would answer first
				host.setErrorReportValveClass(ReceiverProblemReportValve.class.getName());
			}
		});
	}

	@Override
	public int getOrder() {
		return 1;
	}

}
