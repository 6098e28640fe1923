// Usage texts, kept apart from the commands so that `kinetic-sql --help` loads none of them.

export const QUERY_USAGE = `Usage: kinetic-sql query "<sql>" [--connection STRING] [--format table|csv|json|ndjson] [--explain]

Runs one SQL statement and prints its rows. The connection string comes from --connection, else from the
KINETIC_SQL_CONNECTION environment variable. --explain prints the OData requests instead of running them.`;

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
