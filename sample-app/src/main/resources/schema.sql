-- The sample's own table, created by Spring Boot's SQL initialisation (spring.sql.init, embedded databases by
-- default). The starter creates its webhook_* tables with its own initialiser; the two run side by side.
CREATE TABLE IF NOT EXISTS migration (
	id VARCHAR(40) PRIMARY KEY,
	name VARCHAR(200) NOT NULL,
	status VARCHAR(20) NOT NULL,
	created_at TIMESTAMP WITH TIME ZONE NOT NULL,
	started_at TIMESTAMP WITH TIME ZONE,
	finished_at TIMESTAMP WITH TIME ZONE,
	error_message VARCHAR(1000),
	tenant_id VARCHAR(255) NOT NULL
);
