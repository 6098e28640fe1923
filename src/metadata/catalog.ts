/**
 * The catalog: what `$metadata` says about the services of a connection, as plain serialisable data
 * (it is persisted as JSON in the metadata cache, so no classes, functions, Maps or Dates in here).
 */

import type { EdmType } from './edm-types.ts';

/** EDM primitive type names as they appear in EDMX (`Type="Edm.String"`): the keys of the EDM table (edm-types.ts). */
export type { EdmType };

export interface CatalogColumn {
  readonly name: string;
  readonly type: EdmType;
  readonly nullable: boolean;
  readonly maxLength?: number;
  readonly precision?: number;
  readonly scale?: number;
  readonly description?: string;
  /** True for key columns (also listed, in key order, in {@link CatalogTable.keys}). */
  readonly isKey: boolean;
  /**
   * True for a column the server computes or assigns, which INSERT and UPDATE may not set: EDMX v4
   * `Org.OData.Core.V1.Computed`, or v3 `StoreGeneratedPattern="Computed"`/`"Identity"`. Absent otherwise.
   */
  readonly readOnly?: boolean;
}

export interface CatalogNavigation {
  /** Navigation property name, e.g. `OrderDtls` on SalesOrder. */
  readonly name: string;
  /** The entity set the navigation leads to, in the same service. */
  readonly target: string;
  /** True for a collection (`*`), false for a single row. */
  readonly many: boolean;
  /**
   * The columns that link the two sets (ReferentialConstraint of $metadata): `column` of this set equals
   * `targetColumn` of the target. Absent when $metadata gives none. sys_foreignkeys reads them.
   */
  readonly columns?: readonly { readonly column: string; readonly targetColumn: string }[];
}

/** A BAQ parameter: sent as a plain query-string pair, not in `$filter`. */
export interface CatalogParameter {
  readonly name: string;
  readonly type: EdmType;
  /** A mandatory parameter that is missing is an `EPARAM` error. */
  readonly required: boolean;
}

export interface CatalogTable {
  /** Entity set name (`Customers`, `OrderDtls`) or BAQ id (`zCustomer01`, `68138-HSCustomers`). */
  readonly name: string;
  /** The service the set belongs to: `Erp.BO.CustomerSvc`, or `BaqSvc` for a BAQ. */
  readonly service: string;
  /** `table` for an entity set, `view` for a BAQ. */
  readonly kind: 'table' | 'view';
  /** Entity type name without namespace (`CustomerRow`). */
  readonly entityType: string;
  readonly columns: readonly CatalogColumn[];
  /** Key column names in key order (positional key syntax `Customers('EPIC06',45)` uses this order). */
  readonly keys: readonly string[];
  readonly navigation: readonly CatalogNavigation[];
  /** BAQ parameters (views only; empty for tables). */
  readonly parameters: readonly CatalogParameter[];
  readonly description?: string;
}

/** One parameter of a custom method, as `$metadata` declares it. */
export interface CatalogMethodParameter {
  /** Name as Epicor spells it in the JSON body (camelCase: `custNum`, `whereClause`, `ds`). */
  readonly name: string;
  /** The EDM primitive type; undefined for a structured value (a tableset such as `ds`), passed as JSON. */
  readonly type?: EdmType;
  /** The type as `$metadata` names it (`Edm.Int32`, `Erp.BO.CustomerSvc.CustomerTableset`). */
  readonly typeName: string;
  /** `Nullable="false"`: EXEC must give it. */
  readonly required: boolean;
}

/** A custom method of a service (`GetByID`, `GetNewCustomer`): an OData FunctionImport, Function or Action. */
export interface CatalogMethod {
  readonly name: string;
  readonly parameters: readonly CatalogMethodParameter[];
  /**
   * True when `$metadata` says the method changes nothing: an OData v4 Function (an Action may write), or
   * a v3 FunctionImport with `IsSideEffecting="false"` or `m:HttpMethod="GET"`. Readonly=true allows only these.
   */
  readonly readOnly: boolean;
  /** The declared return type, when there is one. */
  readonly returnType?: string;
}

export interface ServiceCatalog {
  /** Service name as configured (`Erp.BO.CustomerSvc`, `BaqSvc`). */
  readonly service: string;
  readonly tables: readonly CatalogTable[];
  /** The custom methods `$metadata` advertises (absent or empty when it advertises none). */
  readonly methods?: readonly CatalogMethod[];
}

export interface Catalog {
  readonly services: readonly ServiceCatalog[];
}
