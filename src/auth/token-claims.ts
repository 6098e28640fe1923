import { createHash } from 'node:crypto';

/**
 * The payload of a JWT, without checking its signature (Epicor does that): undefined for an opaque token.
 *
 * @example
 * ```ts
 * jwtClaims(accessToken)?.['tid']; // '72f988bf-...'
 * ```
 */
export function jwtClaims(token: string): Record<string, unknown> | undefined {
  const part = token.split('.')[1];
  if (part === undefined) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
    return typeof claims === 'object' && claims !== null ? (claims as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Who a token signs in, for keying per-user caches: `tid/oid` (Azure AD's tenant and object ids), else the
 * issuer and subject, else msal's account id, else a hash of the token (never the token itself).
 *
 * @example
 * ```ts
 * tokenIdentity(accessToken); // 'aad:72f988bf-.../a1b2c3...'
 * ```
 */
export function tokenIdentity(token: string, homeAccountId?: string): string {
  const c = jwtClaims(token) ?? {};
  const str = (name: string): string | undefined => (typeof c[name] === 'string' && c[name] !== '' ? (c[name] as string) : undefined);
  const tid = str('tid');
  const oid = str('oid');
  if (tid && oid) return `aad:${tid}/${oid}`;
  const sub = str('sub');
  if (sub) return `oidc:${str('iss') ?? ''}/${sub}`;
  if (homeAccountId) return `account:${homeAccountId}`;
  return `token:${createHash('sha256').update(token).digest('hex').slice(0, 32)}`;
}
