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
