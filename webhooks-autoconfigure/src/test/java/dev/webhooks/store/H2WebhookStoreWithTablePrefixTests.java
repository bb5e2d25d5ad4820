package dev.webhooks.store;

/**
 * The store contract on H2 with tables named with another prefix than the default, so that a statement naming a table
 * without the prefix fails: the database has no table of the default name.
 */
class H2WebhookStoreWithTablePrefixTests extends H2WebhookStoreTests {

	@Override
	TablePrefix prefix() {
		return TablePrefix.of("wh2_");
	}

}
