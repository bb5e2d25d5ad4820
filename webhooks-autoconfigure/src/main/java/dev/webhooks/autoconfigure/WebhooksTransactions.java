package dev.webhooks.autoconfigure;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The transactions the starter's beans run in: the application's transaction manager, or one on the data source
 * when the application has none (or several).
 */
final class WebhooksTransactions {

	private WebhooksTransactions() {
	}

	static TransactionTemplate on(DataSource dataSource, ObjectProvider<PlatformTransactionManager> transactionManager) {
		return new TransactionTemplate(
				transactionManager.getIfUnique(() -> new DataSourceTransactionManager(dataSource)));
	}

}
