package dev.webhooks.api;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live stream of the caller's deliveries in the management API, {@code GET {base}/stream}
 * ({@code text/event-stream}): an event {@code delivery} for each delivery created and after each of its
 * attempts, a {@code : keep-alive} comment while idle, resumable after the {@code id} of the last event received
 * ({@code Last-Event-ID} header, or the {@code last_event_id} parameter for a first connect).
 */
@RestController
@RequestMapping("${webhooks.api.base-path:/v1/webhooks}/stream")
public class DeliveryStreamController {

	private final DeliveryStreams streams;

	private final ApiContext context;

	/**
	 * Create the controller.
	 * @param streams the open streams
	 * @param context tenancy
	 */
	public DeliveryStreamController(DeliveryStreams streams, ApiContext context) {
		this.streams = streams;
		this.context = context;
	}

	@GetMapping
	public SseEmitter stream(HttpServletRequest request,
			@RequestHeader(name = "Last-Event-ID", required = false) String lastEventIdHeader,
			@RequestParam(name = "last_event_id", required = false) String lastEventIdParameter) {
		String tenant = this.context.tenantOf(request);
		// a browser's reconnect sends the header, which is newer than the parameter of the first URL
		String cursor = (lastEventIdHeader != null && !lastEventIdHeader.isBlank()) ? lastEventIdHeader
				: lastEventIdParameter;
		return this.streams.open(tenant, StreamCursors.decode(cursor));
	}

}
