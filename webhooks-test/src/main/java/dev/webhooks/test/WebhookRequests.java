package dev.webhooks.test;

/**
 * Correctly signed webhook requests for an application's own tests, so a test calls its {@code @WebhookListener}
 * methods through the real receiving path: size limit, signature and timestamp check, de-duplication, argument
 * conversion. The source's path, signature scheme (with its header names) and secrets are taken from the
 * application's own {@code webhooks.receiver.sources.<name>} configuration, so nothing is repeated in the test.
 * <pre class="code">
 * // MockMvc
 * mockMvc.perform(WebhookRequests.signed("anon", "migration.completed", migration))
 *     .andExpect(status().isNoContent());
 * // RestTestClient
 * WebhookRequests.signed("anon", "migration.completed", migration)
 *     .exchange(restTestClient, applicationContext)
 *     .expectStatus().isNoContent();
 * </pre>
 */
public final class WebhookRequests {

	private WebhookRequests() {
	}

	/**
	 * A request of a configured source, carrying an event whose {@code data.object} is the payload.
	 * @param source the source's name, as in {@code webhooks.receiver.sources.<name>}
	 * @param eventType the event type, for example {@code migration.completed}
	 * @param payload the event's {@code data.object}: any object the application's JSON mapper writes
	 * @return a request, signed when it is built, with the time of building
	 */
	public static SignedWebhookRequest signed(String source, String eventType, Object payload) {
		return new SignedWebhookRequest(source, eventType, payload);
	}

}
