package dev.webhooks.api;

import dev.webhooks.testsupport.PostgresSchemaPerContext;

/**
 * The activity call on PostgreSQL, in a schema of its own.
 */
@PostgresSchemaPerContext
class PostgresActivityApiTests extends ActivityApiContractTests {

}
