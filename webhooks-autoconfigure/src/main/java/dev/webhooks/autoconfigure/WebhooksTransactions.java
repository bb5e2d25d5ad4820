package dev.webhooks.autoconfigure;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The transactions the starter's beans run in: those of the application's transaction manager.
 */
final class WebhooksTransactions {

	private WebhooksTransactions() {
	}

	/**
	 * Transactions on a data source.
	 * @param dataSource the data source
	 * @param transactionManager the application's transaction manager
	 * @return its transactions, or those of a manager on the data source when the application has none (or several)
	 */
	static TransactionTemplate on(DataSource dataSource,
			ObjectProvider<PlatformTransactionManager> transactionManager) {
		return new TransactionTemplate(
				transactionManager.getIfUnique(() -> new DataSourceTransactionManager(dataSource)));
	}

	/**
	 * Transactions of whatever store the application's transaction manager serves.
	 * @param transactionManager the application's transaction manager
	 * @return its transactions, or none when the application has no transaction manager (or several)
	 */
	static TransactionOperations of(ObjectProvider<PlatformTransactionManager> transactionManager) {
		PlatformTransactionManager manager = transactionManager.getIfUnique();
		return (manager != null) ? new TransactionTemplate(manager) : TransactionOperations.withoutTransaction();
	}

}
