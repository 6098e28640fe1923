// Usage texts, kept apart from the commands so that `kinetic-sql --help` loads none of them.

export const QUERY_USAGE = `Usage: kinetic-sql query "<sql>" [--connection STRING] [--format table|csv|json|ndjson] [--explain]

Runs one SQL statement and prints its rows. The connection string comes from --connection, else from the
KINETIC_SQL_CONNECTION environment variable. --explain prints the OData requests instead of running them.`;
