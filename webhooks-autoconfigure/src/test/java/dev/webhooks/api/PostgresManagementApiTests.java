package dev.webhooks.api;

import dev.webhooks.testsupport.PostgresSchemaPerContext;

/**
 * The management API on PostgreSQL, in a schema of its own.
 */
@PostgresSchemaPerContext
class PostgresManagementApiTests extends ManagementApiContractTests {

}
