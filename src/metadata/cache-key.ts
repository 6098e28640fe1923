import { createHash } from 'node:crypto';

/**
 * Whose metadata a catalog is. None of these is a secret: passwords, API keys and tokens never take part
 * in a key, and the parts are stored only as a SHA-256 digest.
 */
export interface MetadataScopeParts {
  /** Server base URL; user info, query and fragment are ignored, scheme and host are case-insensitive. */
  readonly url: string;
  readonly erpInstance: string;
  readonly apiVersion: string;
  readonly company?: string | undefined;
  /** The user name or OAuth client id the connection authenticates as: what a user may see can differ. */
  readonly identity?: string | undefined;
}

export interface MetadataCacheKeyParts extends MetadataScopeParts {
  /** Service name as configured: `Erp.BO.CustomerSvc`, `BaqSvc`. */
  readonly service: string;
}

/** A cache key: the scope digest (everything but the service) and the service name. */
export interface MetadataCacheKey {
  /** SHA-256 (hex) of URL, ERP instance, API version, company and identity. */
  readonly scope: string;
  readonly service: string;
}

/**
 * Builds the cache key of one service's catalog. Two users, two companies, two API versions or two
 * servers never share a key.
 *
 * @example
 * ```ts
 * const key = metadataCacheKey({ url: 'https://acme.epicorsaas.com', erpInstance: 'Live', apiVersion: 'v2',
 *   company: 'EPIC06', identity: 'manager', service: 'Erp.BO.CustomerSvc' });
 * key.service; // 'erp.bo.customersvc' (Epicor's service paths ignore case, so the cache does too)
 * key.scope;   // 64 hex digits
 * ```
 */
export function metadataCacheKey(parts: MetadataCacheKeyParts): MetadataCacheKey {
  return { scope: metadataScope(parts), service: parts.service.trim().toLowerCase() };
}

/**
 * The scope digest shared by every service of one connection (what `invalidate` without a service clears).
 *
 * @example
 * ```ts
 * metadataScope({ url: 'https://acme.epicorsaas.com', erpInstance: 'Live', apiVersion: 'v2' }).length; // 64
 * ```
 */
export function metadataScope(parts: MetadataScopeParts): string {
  // A JSON array keeps the parts apart: no separator inside a part can make two scopes collide.
  const text = JSON.stringify([
    'epicor-kinetic-sql/metadata-scope/1',
    normalizeUrl(parts.url),
    parts.erpInstance.trim(),
    parts.apiVersion.trim().toLowerCase(),
    parts.company?.trim() ?? '',
    parts.identity?.trim() ?? '',
  ]);
  return createHash('sha256').update(text).digest('hex');
}

function normalizeUrl(url: string): string {
  const trimmed = url.trim();
  try {
    const parsed = new URL(trimmed);
    return parsed.origin + parsed.pathname.replace(/\/+$/, '');
  } catch {
    return trimmed.replace(/\/+$/, '');
  }
}
