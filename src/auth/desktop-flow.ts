import { createHash, randomBytes } from 'node:crypto';
import type { AzureAdSession, TokenSet } from './azure-ad-session.ts';
import { listenForCallback } from './loopback-listener.ts';
import { openSystemBrowser, type BrowserOpener } from './open-browser.ts';

export interface DesktopSignInOptions {
  readonly callbackURL: string;
  /** Sent with the sign-in and checked on the redirect; random by default. */
  readonly state?: string;
  /** Replaces the system browser (connect's `openBrowser` option). */
  readonly openBrowser?: BrowserOpener;
  /** How long to wait for the user; default 5 minutes. */
  readonly timeoutMs?: number;
  /** Where the URL is printed when no browser opens; default stderr. */
  readonly print?: (line: string) => void;
}

/**
 * The desktop sign-in (InitiateOAuth=GETANDREFRESH): listens on CallbackURL, opens the authorization URL
 * (with `state` and PKCE) in the browser, checks the redirect's state, exchanges the code with its PKCE
 * verifier, and saves the tokens in the settings store. With no browser it prints the URL and waits.
 *
 * @example
 * ```ts
 * const tokens = await desktopSignIn(session, { callbackURL: 'http://localhost:33333', openBrowser: (u) => show(u) });
 * ```
 */
export async function desktopSignIn(session: AzureAdSession, options: DesktopSignInOptions): Promise<TokenSet> {
  const state = options.state ?? randomBytes(16).toString('base64url');
  const codeVerifier = randomBytes(32).toString('base64url');
  const codeChallenge = createHash('sha256').update(codeVerifier).digest('base64url');
  const timeoutMs = options.timeoutMs ?? 300_000;
  const listener = await listenForCallback(options.callbackURL, state, timeoutMs);
  try {
    const url = await session.authUrl({ redirectUri: options.callbackURL, state, codeChallenge });
    const opened = options.openBrowser ? await options.openBrowser(url) : await openSystemBrowser(url);
    if (opened === false) {
      (options.print ?? ((line: string) => process.stderr.write(`${line}\n`)))(
        `No browser could be opened. Open this URL in a browser on this machine and sign in (waiting ${Math.round(timeoutMs / 1000)} s):\n${url}\n` +
          'On a machine without a browser, see the headless sign-in in docs/oauth.md (kinetic-sql oauth url, then OAuthVerifier).',
      );
    }
    const code = await listener.code;
    return await session.redeemCode({ code, redirectUri: options.callbackURL, codeVerifier });
  } finally {
    await listener.close();
  }
}
