package dev.webhooks.api;

import jakarta.servlet.http.HttpServletRequest;

import dev.webhooks.api.ApiResponses.EventTypeView;
import dev.webhooks.api.ApiResponses.PageView;
import dev.webhooks.event.EventTypeCatalog;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The event-type catalog in the management API: the types a tenant can subscribe to, with descriptions and
 * example payloads. The same for every tenant, but only to callers with a tenant.
 */
@RestController
@RequestMapping(path = "${webhooks.api.base-path:/v1/webhooks}/event-types", produces = "application/json")
public class EventTypesController {

	private final EventTypeCatalog catalog;

	private final ApiContext context;

	/**
	 * Create the controller.
	 * @param catalog the catalog
	 * @param context tenancy
	 */
	public EventTypesController(EventTypeCatalog catalog, ApiContext context) {
		this.catalog = catalog;
		this.context = context;
	}

	@GetMapping
	public PageView<EventTypeView> list(HttpServletRequest request) {
		this.context.tenantOf(request);
		return new PageView<>(this.catalog.all().stream().map(EventTypeView::of).toList(), null, null);
	}

}
