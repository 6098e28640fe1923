/**
 * What the HTTP client asks of an authentication scheme. Basic and Epicor's token service are implemented
 * here (auth-basic.ts, auth-token.ts); Azure AD plugs in through the same interface.
 */
export interface AuthProvider {
  /**
   * The `Authorization` header value for the next request (`Basic …`, `Bearer …`), or undefined to send
   * none. May fetch or renew a token.
   */
  authorization(): Promise<string | undefined>;
  /**
   * Called once when a request answered 401. `rejected` is the Authorization value that was refused.
   * Resolve true when a retry may succeed (a new token was obtained), false to report the 401.
   */
  onUnauthorized?(rejected: string | undefined): Promise<boolean>;
}
