import type { SimColumn } from './types.ts';

/**
 * User-defined fields (`_c`) that tenants add to Epicor tables; the real schemas carry none, but every
 * production tenant has some and clients must handle them. Appended before `RowMod`.
 */
export const USER_FIELDS: Readonly<Record<string, readonly SimColumn[]>> = {
  Customers: [
    { name: 'CustomerTier_c', type: 'Edm.String', nullable: true, maxLength: 20, description: 'Customer tier (Gold, Silver, Bronze).' },
    { name: 'Region_c', type: 'Edm.String', nullable: true, maxLength: 30, description: 'Sales region.' },
    { name: 'LoyaltySince_c', type: 'Edm.DateTime', nullable: true, description: 'Date the customer joined the loyalty programme.' },
  ],
  SalesOrders: [
    { name: 'OrderPriority_c', type: 'Edm.Int32', nullable: true, description: 'Order priority, 1 (highest) to 5.' },
    { name: 'Channel_c', type: 'Edm.String', nullable: true, maxLength: 20, description: 'Sales channel (Web, EDI, Phone, Rep).' },
  ],
};

/** Inserts the user fields of `set` before `RowMod` (or at the end when there is no RowMod). */
export function withUserFields(set: string, columns: readonly SimColumn[]): readonly SimColumn[] {
  const extra = USER_FIELDS[set];
  if (!extra) return columns;
  const fresh = extra.filter((u) => !columns.some((c) => c.name === u.name));
  const at = columns.findIndex((c) => c.name === 'RowMod');
  if (at < 0) return [...columns, ...fresh];
  return [...columns.slice(0, at), ...fresh, ...columns.slice(at)];
}
