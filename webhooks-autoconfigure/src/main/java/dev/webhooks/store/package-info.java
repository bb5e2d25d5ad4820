/**
 * JDBC implementations of the repository interfaces of the other packages, and the schema scripts
 * ({@code schema-h2.sql}, {@code schema-postgresql.sql}).
 */
package dev.webhooks.store;
