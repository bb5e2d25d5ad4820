/**
 * Payload filters: a JSON document of operators over the envelope an endpoint receives, parsed once into an
 * immutable predicate tree and evaluated per event without running any customer-supplied code. Uses Jackson only.
 */
package dev.webhooks.event.filter;
