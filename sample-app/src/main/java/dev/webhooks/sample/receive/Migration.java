package dev.webhooks.sample.receive;

/**
 * The {@code data.object} of Anon's migration events, reduced to what the sample uses; other fields are ignored.
 *
 * @param id the migration id
 * @param status its status, for example {@code COMPLETE}
 */
public record Migration(String id, String status) {
}
