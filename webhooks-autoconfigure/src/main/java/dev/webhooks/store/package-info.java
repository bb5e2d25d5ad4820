/**
 * JDBC implementations of the repository interfaces of the other packages, on H2 and PostgreSQL, and the schema
 * scripts ({@code schema-h2.sql}, {@code schema-postgresql.sql}). Every table is named with a {@link
 * dev.webhooks.store.TablePrefix}; what differs between the databases is in a {@code StoreDialect} chosen once,
 * when a repository is created.
 */
package dev.webhooks.store;
