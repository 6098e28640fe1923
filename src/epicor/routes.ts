/**
 * The one place that builds Epicor REST paths and URLs from a Config (see docs/epicor-api.md, "URLs").
 * Every path segment that comes from the user (instance, company, service, entity set, BAQ id, method) is
 * encoded with encodeURIComponent: BAQ ids contain `-` and tenant prefixes, company ids and instance
 * names may contain spaces or other odd characters.
 */
import type { Config } from '../config/types.ts';
import { KineticPropertyError } from '../errors.ts';
import type { ODataRequest } from '../odata/request.ts';
import { encode, encodeSegment as seg, queryString, type PageWindow } from '../odata/url.ts';

/** A query string already encoded (without the leading `?`), or name/value pairs to encode. */
export type QueryInput = string | Readonly<Record<string, string | number | boolean>>;

type RouteConfig = Pick<Config, 'url' | 'erpInstance' | 'apiVersion' | 'company'>;

/** `{url}/{instance}` with any trailing slash of the URL removed. */
function instanceRoot(config: Pick<Config, 'url' | 'erpInstance'>): string {
  return `${config.url.replace(/\/+$/, '')}/${seg(config.erpInstance)}`;
}

function v2Company(config: RouteConfig): string {
  if (!config.company) {
    throw new KineticPropertyError(
      'EPROPERTY',
      'ApiVersion=v2 needs a Company: the v2 REST API puts the company in the URL. Set Company=<your company id>.',
      { name: 'Company' },
    );
  }
  return seg(config.company);
}

/** Encodes a query: a string passes through; pairs are encoded, `$` kept readable in OData option names. */
export function encodeQuery(query: QueryInput | undefined): string {
  if (query === undefined) return '';
  if (typeof query === 'string') return query.replace(/^\?/, '');
  return Object.entries(query)
    .map(([k, v]) => `${encode(k)}=${encode(String(v))}`)
    .join('&');
}

function withQuery(base: string, query: QueryInput | undefined): string {
  const q = encodeQuery(query);
  return q === '' ? base : `${base}?${q}`;
}

/**
 * The service root, ending in `/`: v1 `{url}/{instance}/api/v1/{service}/`, v2
 * `{url}/{instance}/api/v2/odata/{company}/{service}/`. It is also the service document URL.
 *
 * @example
 * ```ts
 * serviceRoot(config, 'Erp.BO.CustomerSvc'); // 'https://host/EpicorLive/api/v1/Erp.BO.CustomerSvc/'
 * ```
 */
export function serviceRoot(config: RouteConfig, service: string): string {
  return `${serviceListUrl(config)}${seg(service)}/`;
}

/**
 * The URL that lists the services: v1 `{url}/{instance}/api/v1/`, v2 `{url}/{instance}/api/v2/odata/{company}/`.
 *
 * @example
 * ```ts
 * serviceListUrl(config); // 'https://host/EpicorLive/api/v1/'
 * ```
 */
export function serviceListUrl(config: RouteConfig): string {
  const root = instanceRoot(config);
  return config.apiVersion === 'v1' ? `${root}/api/v1/` : `${root}/api/v2/odata/${v2Company(config)}/`;
}

/**
 * An entity set URL with an optional query (an encoded string such as `$top=10&$filter=...`, or pairs).
 *
 * @example
 * ```ts
 * entitySetUrl(config, 'Erp.BO.CustomerSvc', 'Customers', '$top=10');
 * // 'https://host/EpicorLive/api/v1/Erp.BO.CustomerSvc/Customers?$top=10'
 * ```
 */
export function entitySetUrl(config: RouteConfig, service: string, set: string, query?: QueryInput): string {
  return withQuery(`${serviceRoot(config, service)}${seg(set)}`, query);
}

/**
 * One row of an entity set by its key predicate (from odata/key-predicate.ts): `…/Customers('EPIC06',45)`,
 * the address PATCH and DELETE write to.
 *
 * @example
 * ```ts
 * entityUrl(config, 'Erp.BO.CustomerSvc', 'Customers', "('EPIC06',45)");
 * // 'https://host/EpicorLive/api/v1/Erp.BO.CustomerSvc/Customers('EPIC06',45)'
 * ```
 */
export function entityUrl(config: RouteConfig, service: string, set: string, predicate: string): string {
  return `${serviceRoot(config, service)}${seg(set)}${predicate}`;
}

/**
 * The rows of a BAQ: v1 `…/api/v1/BaqSvc/{id}/?…`, v2 `…/api/v2/odata/{company}/BaqSvc/{id}/Data?…`.
 * BAQ parameters are plain pairs in the query, beside the `$` options.
 *
 * @example
 * ```ts
 * baqUrl(config, '68138-HSCustomers', { zipCode: '90210', $top: 100 });
 * ```
 */
export function baqUrl(config: RouteConfig, baqId: string, query?: QueryInput): string {
  const base = `${serviceRoot(config, 'BaqSvc')}${seg(baqId)}/`;
  return withQuery(config.apiVersion === 'v1' ? base : `${base}Data`, query);
}

/**
 * `$metadata` of a service, or of one BAQ when `baqId` is given (`…/BaqSvc/{id}/$metadata`).
 *
 * @example
 * ```ts
 * metadataUrl(config, 'Erp.BO.CustomerSvc'); // '…/api/v1/Erp.BO.CustomerSvc/$metadata'
 * metadataUrl(config, 'BaqSvc', 'zCustomer01'); // '…/api/v1/BaqSvc/zCustomer01/$metadata'
 * ```
 */
export function metadataUrl(config: RouteConfig, service: string, baqId?: string): string {
  const root = serviceRoot(config, service);
  return baqId === undefined ? `${root}$metadata` : `${root}${seg(baqId)}/$metadata`;
}

/**
 * A custom method of a service (`POST …/Erp.BO.CustomerSvc/GetByID`).
 *
 * @example
 * ```ts
 * methodUrl(config, 'Erp.BO.CustomerSvc', 'GetByID');
 * ```
 */
export function methodUrl(config: RouteConfig, service: string, method: string): string {
  return `${serviceRoot(config, service)}${seg(method)}`;
}

/**
 * An Epicor Function (EFx, API v2 only): `…/api/v2/efx/{Company}/{Library}/{Function}`, or
 * `…/api/v2/efx/staging/{Company}/{Library}/{Function}` for a library not yet published (EfxStaging=true).
 *
 * @example
 * ```ts
 * efxUrl(config, 'SimTools', 'AddNumbers', false); // 'https://host/EpicorLive/api/v2/efx/EPIC06/SimTools/AddNumbers'
 * ```
 */
export function efxUrl(config: RouteConfig, library: string, fn: string, staging: boolean): string {
  return `${instanceRoot(config)}/api/v2/efx/${staging ? 'staging/' : ''}${v2Company(config)}/${seg(library)}/${seg(fn)}`;
}

/**
 * Epicor's token service, at the instance root (not under /api): `{url}/{instance}/TokenResource.svc/`.
 *
 * @example
 * ```ts
 * tokenUrl(config); // 'https://host/EpicorLive/TokenResource.svc/'
 * ```
 */
export function tokenUrl(config: Pick<Config, 'url' | 'erpInstance'>): string {
  return `${instanceRoot(config)}/TokenResource.svc/`;
}

/**
 * The URL of a read request, or of one page of it: the one place a planned request becomes a URL (the
 * executor and explain() both call it).
 *
 * @example
 * ```ts
 * requestUrl(config, request, { top: 1000, skip: 0 });
 * // 'https://host/EpicorLive/api/v2/odata/EPIC06/Erp.BO.CustomerSvc/Customers?$select=Name&$top=1000&$skip=0'
 * ```
 */
export function requestUrl(config: RouteConfig, request: ODataRequest, page?: PageWindow): string {
  const qs = queryString(request, page);
  return request.baq ? baqUrl(config, request.entitySet, qs) : entitySetUrl(config, request.service, request.entitySet, qs);
}
