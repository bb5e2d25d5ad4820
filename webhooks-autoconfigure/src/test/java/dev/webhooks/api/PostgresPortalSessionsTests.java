package dev.webhooks.api;

import dev.webhooks.testsupport.PostgresSchemaPerContext;

/**
 * Portal links and sessions on PostgreSQL, in a schema of its own.
 */
@PostgresSchemaPerContext
class PostgresPortalSessionsTests extends PortalSessionsContractTests {

}
