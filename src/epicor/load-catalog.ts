import type { Config } from '../config/types.ts';
import { KineticHttpError } from '../errors.ts';
import type { CatalogTable, ServiceCatalog } from '../metadata/catalog.ts';
import type { EpicorClient } from './client.ts';
import { parseBaqEdmx, parseEdmx, parseServiceDocument } from './edmx.ts';
import { metadataUrl, serviceRoot } from './routes.ts';

/** BAQ `$metadata` documents fetched at the same time. */
const BAQ_PARALLELISM = 4;

/**
 * Fetches and parses the catalog of one service. For `BaqSvc`, the service document lists the BAQs and
 * each BAQ's `$metadata` (a few at a time) becomes a view. A service the server does not know (404) is an
 * `EHTTP` error that says to check the Service property.
 *
 * @example
 * ```ts
 * const catalog = await loadServiceCatalog(client, config, 'Erp.BO.CustomerSvc');
 * const baqs = await loadServiceCatalog(client, config, 'BaqSvc', signal);
 * ```
 */
export async function loadServiceCatalog(
  client: EpicorClient,
  config: Config,
  service: string,
  signal?: AbortSignal,
): Promise<ServiceCatalog> {
  if (service.toLowerCase() !== 'baqsvc') {
    return parseEdmx(await serviceRequest(service, () => client.getText(metadataUrl(config, service), { signal })), service);
  }
  const doc = await serviceRequest(service, () => client.getJson(serviceRoot(config, 'BaqSvc'), { signal }));
  const ids = parseServiceDocument(doc);
  return { service: 'BaqSvc', tables: await mapLimited(ids, BAQ_PARALLELISM, (id) => loadBaq(client, config, id, signal)) };
}

/** The first request to a service: a 404 there means the service itself is unknown. */
async function serviceRequest<T>(service: string, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (err) {
    if (err instanceof KineticHttpError && err.status === 404) throw notFound(service, err);
    throw err;
  }
}

async function loadBaq(client: EpicorClient, config: Config, baqId: string, signal?: AbortSignal): Promise<CatalogTable> {
  return parseBaqEdmx(await client.getText(metadataUrl(config, 'BaqSvc', baqId), { signal }), baqId);
}

function notFound(service: string, err: KineticHttpError): KineticHttpError {
  const said = err.errorMessage ? ` (Epicor said: ${err.errorMessage})` : '';
  return new KineticHttpError(
    'EHTTP',
    `Service ${service} was not found on the server: check the Service property (and Company, ERPInstance, and the API key's access scope)${said}`,
    { cause: err, status: 404, url: err.url, errorMessage: err.errorMessage, errorType: err.errorType, correlationId: err.correlationId, name: service },
  );
}

/** Maps with at most `limit` calls in flight, keeping the input order; the first failure rejects. */
async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      try {
        out[i] = await fn(items[i] as T);
      } catch (err) {
        next = items.length; // stop the other workers from starting more
        throw err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
