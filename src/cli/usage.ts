// Usage texts, kept apart from the commands so that `kinetic-sql --help` loads none of them.

const PARAMS_HELP = `Parameters: --param VALUE binds the next ? (repeat it, in order); --param name=VALUE binds @name.
A VALUE is typed by one rule: 5 and -1.25 are numbers, true/false booleans, null is NULL, 'text' in single
quotes is always a string ('' for a quote inside), and anything else is a string. --param-string VALUE
binds the text as a string whatever it looks like (a zip code such as 02134, an id such as 5). A value
that starts with - is written --param=-5.`;

export const QUERY_USAGE = `Usage: kinetic-sql query "<sql>" [--connection STRING] [--format table|csv|json|ndjson] [--explain]
                         [--param VALUE ...] [--param-string VALUE ...] [--quiet] [--verbose]

Runs one SQL statement and prints its rows. The connection string comes from --connection (-c), else from
the KINETIC_SQL_CONNECTION environment variable. --explain prints the OData requests and the local step
instead of running them (as JSON with --format json or ndjson). A long scan shows its progress on
standard error when it is a terminal (--quiet: never). Exit codes: 0 success, 1 query error, 2 usage
error; --verbose prints the details of an error (HTTP status, URL, Epicor's fields, causes).

${PARAMS_HELP}`;

export const EXPORT_USAGE = `Usage: kinetic-sql export "<sql>" --out FILE [--format csv|json|ndjson] [--connection STRING]
                          [--param VALUE ...] [--param-string VALUE ...] [--quiet] [--verbose]

Streams the rows of one statement to FILE, a page at a time (memory stays bounded whatever the size).
--format defaults to the extension of FILE (.csv, .json, .ndjson/.jsonl), else csv. CSV: RFC 4180
quoting, a header row, dates in ISO 8601 (UTC), NULL as an empty field. JSON: one array of objects.
NDJSON: one object per line. The rows go to a temporary file next to FILE, renamed to FILE at the end:
a failed or interrupted export (Ctrl-C) leaves no FILE and no temporary file. Progress (rows, pages,
rate, elapsed) shows on standard error when it is a terminal, unless --quiet.

${PARAMS_HELP}`;

export const SHELL_USAGE = `Usage: kinetic-sql shell [--connection STRING] [--format table|csv|json|ndjson] [--history FILE]

An interactive SQL shell. Statements end with ; and may span lines. Dot-commands (.help lists them):
.tables, .describe TABLE, .explain SQL, .format FMT, .timer on|off, .params ..., .connect STRING, .quit.
Tab completes dot-commands, table and column names. Ctrl-C cancels the running query (or clears the
line being typed); Ctrl-D or .quit leaves. History is kept in FILE (default
$XDG_CONFIG_HOME, else ~/.config, /epicor-kinetic-sql/shell_history; mode 0600; the last 1000 lines;
.connect lines, lines with a password, key, secret or token, and lines starting with a space are not
kept). KINETIC_SQL_HISTORY sets FILE too; --history "" keeps none.`;

export const SIMULATOR_USAGE = `Usage: kinetic-sql simulator [--port N] [--host H] [--seed N] [--customers N] [--page-cap N] [--latency MS]
                             [--max-query-string N] [--max-url-length N]   (IIS limits, default 2048 and 4096; 0 for none)

Prints connection strings naming every simulated service (Customers, SalesOrders, Parts, BAQs such as
zCustomer01), ready for kinetic-sql query/shell --connection "...". --page-cap N (1 or more) caps the
rows of a response; --latency MS delays every response.`;

export const OAUTH_USAGE = `Usage: kinetic-sql oauth <command> [--connection STRING]

Signs in to Azure AD (AuthScheme=AzureADOpenID) and keeps the tokens, encrypted, in OAuthSettingsLocation.
Tokens, codes and secrets are never printed.

  login               desktop sign-in: opens the browser, listens on CallbackURL (loopback), saves the tokens
  url [--state S]     prints the authorization URL (headless, step 1: open it on a machine with a browser)
  exchange --code C   exchanges the code from the redirect and saves the tokens (headless, step 2; the
                      same as connecting once with InitiateOAuth=REFRESH and OAuthVerifier=C)
  status              where the settings are, who is signed in, when the access token expires
  rotate-key          re-encrypts the settings with a new random key file ({file}.key)
  logout              deletes the stored tokens

The connection string comes from --connection, else from the KINETIC_SQL_CONNECTION environment variable.`;

export const CODEGEN_USAGE = `Usage: kinetic-sql codegen --out FILE [--connection STRING] [--tables T1,T2]

Writes TypeScript row types for the tables and BAQs of the connection's services, from their metadata:
one interface per table (CustomersRow, zCustomer01Row with zCustomer01Params), typed as the driver returns
values (dates as Date; decimals as numbers, or strings with DecimalsAsStrings=true; nullable columns
| null), and kysely's DB interface. Use them as db.query<CustomersRow>(...) or new Kysely<DB>(...).
A table found in several services is named Service.Table (PartSvc.EntityGLCs). --tables keeps only the
tables named. The connection string comes from --connection, else from KINETIC_SQL_CONNECTION.`;
