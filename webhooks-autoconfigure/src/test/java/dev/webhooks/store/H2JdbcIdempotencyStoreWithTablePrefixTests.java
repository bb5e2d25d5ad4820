package dev.webhooks.store;

/**
 * The idempotency store's tests on H2 with tables named with another prefix than the default, so that a statement
 * naming a table without the prefix fails: the database has no table of the default name.
 */
class H2JdbcIdempotencyStoreWithTablePrefixTests extends H2JdbcIdempotencyStoreTests {

	@Override
	TablePrefix prefix() {
		return TablePrefix.of("wh2_");
	}

}
