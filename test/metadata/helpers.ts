import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CatalogColumn, CatalogTable, ServiceCatalog } from '../../src/metadata/catalog.ts';

/** A temporary folder removed by the returned cleanup (register it with `t.after`). */
export function tempFolder(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'kinetic-metadata-cache-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function column(name: string, type: CatalogColumn['type'], isKey = false): CatalogColumn {
  return { name, type, nullable: !isKey, isKey, ...(type === 'Edm.String' ? { maxLength: 50 } : {}) };
}

/** A CustomerSvc-like catalog; `extraTables` pads it to a realistic size (35 sets, ~1000 columns). */
export function customerCatalog(extraTables = 0): ServiceCatalog {
  const customers: CatalogTable = {
    name: 'Customers',
    service: 'Erp.BO.CustomerSvc',
    kind: 'table',
    entityType: 'CustomerRow',
    columns: [
      column('Company', 'Edm.String', true),
      column('CustNum', 'Edm.Int32', true),
      column('CustID', 'Edm.String'),
      { name: 'Name', type: 'Edm.String', nullable: true, isKey: false, maxLength: 50, description: 'Nömé, "quoted" & ünicode' },
      { name: 'CreditLimit', type: 'Edm.Decimal', nullable: true, isKey: false, precision: 17, scale: 2 },
      column('EstDate', 'Edm.DateTimeOffset'),
    ],
    keys: ['Company', 'CustNum'],
    navigation: [{ name: 'ShipToes', target: 'ShipToes', many: true }],
    parameters: [],
    description: 'Customer master',
  };
  const padding = Array.from({ length: extraTables }, (_, i): CatalogTable => ({
    name: `Set${i}`,
    service: 'Erp.BO.CustomerSvc',
    kind: 'table',
    entityType: `Set${i}Row`,
    columns: Array.from({ length: 30 }, (_, c) => column(`Column${c}_${'x'.repeat(20)}`, 'Edm.String', c === 0)),
    keys: ['Column0_' + 'x'.repeat(20)],
    navigation: [],
    parameters: [],
  }));
  return { service: 'Erp.BO.CustomerSvc', tables: [customers, ...padding] };
}

/** A BaqSvc catalog: one BAQ as a view with a mandatory parameter. */
export function baqCatalog(): ServiceCatalog {
  return {
    service: 'BaqSvc',
    tables: [
      {
        name: 'zCustomer01',
        service: 'BaqSvc',
        kind: 'view',
        entityType: 'zCustomer01Row',
        columns: [column('Customer_CustID', 'Edm.String'), column('Customer_Zip', 'Edm.String')],
        keys: [],
        navigation: [],
        parameters: [{ name: 'zipCode', type: 'Edm.String', required: true }],
      },
    ],
  };
}

/** Key parts of a typical connection; override what a test varies. */
export const scopeParts = {
  url: 'https://acme.example.com',
  erpInstance: 'Live',
  apiVersion: 'v2',
  company: 'EPIC06',
  identity: 'alice',
} as const;
