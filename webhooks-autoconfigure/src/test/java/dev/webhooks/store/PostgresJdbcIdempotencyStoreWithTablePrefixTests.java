package dev.webhooks.store;

import dev.webhooks.testsupport.RequiresPostgres;

/**
 * The idempotency store's tests on PostgreSQL with tables named with another prefix than the default, so that a
 * statement naming a table without the prefix fails: the database has no table of the default name.
 */
@RequiresPostgres
class PostgresJdbcIdempotencyStoreWithTablePrefixTests extends PostgresJdbcIdempotencyStoreTests {

	@Override
	TablePrefix prefix() {
		return TablePrefix.of("wh2_");
	}

}
