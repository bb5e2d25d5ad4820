package dev.webhooks.receive;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The HTTP routes of receiving, a {@link RouterFunction} Spring MVC serves: a {@code POST} route per configured
 * source, at {@code {path}/{source}} or the source's own path, and a catch-all under {@code {path}/} that answers
 * 404 for sources that are not configured. It enforces the size limit (refusing on {@code Content-Length} before
 * reading, and never reading more than the limit plus one byte), then hands the request to the
 * {@link WebhookReceiver}. Errors are answered with RFC 9457 problem details.
 */
public class WebhookReceiverRoutes implements RouterFunction<ServerResponse> {

	private static final Log logger = LogFactory.getLog(WebhookReceiverRoutes.class);

	private static final String UNKNOWN_SOURCE_TAG = "unknown";

	private static final WebhookReceiveObservationConvention DEFAULT_OBSERVATION_CONVENTION =
			new DefaultWebhookReceiveObservationConvention();

	private final WebhookSources sources;

	private final WebhookReceiver receiver;

	private final WebhookReceiverMetrics metrics;

	private final RouterFunction<ServerResponse> routes;

	private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	private WebhookReceiveObservationConvention observationConvention;

	/**
	 * Create the routes of every source and the 404 route for unknown ones.
	 * @param basePath the receiver's base path, for example {@code /webhooks/incoming}
	 * @param sources the configured sources
	 * @param receiver handles requests within the size limit
	 * @param metrics counts every answer
	 */
	public WebhookReceiverRoutes(String basePath, WebhookSources sources, WebhookReceiver receiver,
			WebhookReceiverMetrics metrics) {
		this.sources = sources;
		this.receiver = receiver;
		this.metrics = metrics;
		this.routes = build(basePath);
	}

	/**
	 * Observe each received request in a registry ({@link ObservationRegistry#NOOP} by default).
	 * @param observationRegistry the registry
	 */
	public void setObservationRegistry(ObservationRegistry observationRegistry) {
		this.observationRegistry = (observationRegistry != null) ? observationRegistry : ObservationRegistry.NOOP;
	}

	/**
	 * Name and tag the observations with a convention of the application's.
	 * @param observationConvention the convention, or {@code null} for the
	 * {@link DefaultWebhookReceiveObservationConvention}
	 */
	public void setObservationConvention(WebhookReceiveObservationConvention observationConvention) {
		this.observationConvention = observationConvention;
	}

	@Override
	public Optional<HandlerFunction<ServerResponse>> route(ServerRequest request) {
		return this.routes.route(request);
	}

	@Override
	public void accept(RouterFunctions.Visitor visitor) {
		// lets the actuator's mappings and Spring MVC's logging see the routes themselves
		this.routes.accept(visitor);
	}

	@Override
	public String toString() {
		return this.routes.toString();
	}

	private RouterFunction<ServerResponse> build(String basePath) {
		RouterFunctions.Builder builder = RouterFunctions.route();
		for (WebhookSource source : this.sources.all()) {
			builder.POST(source.path(), (request) -> observed(source.name(), () -> receive(source, request)));
		}
		String base = basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
		builder.POST(base + "/{source}", (request) -> observed(UNKNOWN_SOURCE_TAG, () -> unknownSource(request)));
		return builder.build();
	}

	private ServerResponse unknownSource(ServerRequest request) {
		this.metrics.received(UNKNOWN_SOURCE_TAG, ReceiveOutcome.UNKNOWN_SOURCE);
		observe(ReceiveOutcome.UNKNOWN_SOURCE);
		return problem(request, new ReceiveResult(ReceiveOutcome.UNKNOWN_SOURCE,
				"No webhook source is configured at " + request.path()));
	}

	private ServerResponse receive(WebhookSource source, ServerRequest request) throws IOException {
		HttpServletRequest servletRequest = request.servletRequest();
		long declaredLength = servletRequest.getContentLengthLong();
		if (declaredLength > source.maxBodySize()) {
			return answer(source, request, tooLarge(source));
		}
		byte[] body;
		try (InputStream in = servletRequest.getInputStream()) {
			body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, source.maxBodySize() + 1));
		}
		if (body.length > source.maxBodySize()) {
			return answer(source, request, tooLarge(source));
		}
		return answer(source, request, this.receiver.receive(source, request.headers().asHttpHeaders(), body));
	}

	private ServerResponse observed(String source, Handling handling) throws IOException {
		Observation observation = Observation.createNotStarted(this.observationConvention,
				DEFAULT_OBSERVATION_CONVENTION, () -> new WebhookReceiveObservationContext(source),
				this.observationRegistry)
			.start();
		try (Observation.Scope scope = observation.openScope()) {
			return handling.handle();
		}
		catch (IOException | RuntimeException ex) {
			observation.error(ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

	private void observe(ReceiveOutcome outcome) {
		Observation current = this.observationRegistry.getCurrentObservation();
		if (current != null && current.getContext() instanceof WebhookReceiveObservationContext context) {
			context.setOutcome(outcome);
		}
	}

	private ServerResponse answer(WebhookSource source, ServerRequest request, ReceiveResult result) {
		this.metrics.received(source.name(), result.outcome());
		observe(result.outcome());
		if (result.outcome().status().isError()) {
			if (logger.isDebugEnabled()) {
				logger.debug("Answered " + result.outcome().status().value() + " to a webhook from '" + source.name()
						+ "': " + result.detail());
			}
			return problem(request, result);
		}
		return ServerResponse.status(result.outcome().status()).build();
	}

	private static ReceiveResult tooLarge(WebhookSource source) {
		return new ReceiveResult(ReceiveOutcome.TOO_LARGE,
				"The body is larger than the " + source.maxBodySize() + " bytes this source accepts");
	}

	private static ServerResponse problem(ServerRequest request, ReceiveResult result) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(result.outcome().status(), result.detail());
		problem.setInstance(URI.create(request.path()));
		problem.setProperty("outcome", result.outcome().tag());
		return ServerResponse.status(result.outcome().status())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	@FunctionalInterface
	private interface Handling {

		ServerResponse handle() throws IOException;

	}

}
