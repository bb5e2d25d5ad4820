/**
 * Spring Boot auto-configuration for webhooks: {@code @AutoConfiguration} classes and
 * {@code @ConfigurationProperties} only.
 */
package dev.webhooks.autoconfigure;
