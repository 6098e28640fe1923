import type { EdmType, SimColumn } from './types.ts';
import type { SchemaField } from './schema-source.ts';

/*
 * The extracted schemas only say string/number/boolean; Epicor's database types are richer. These rules
 * recover them from Epicor's naming conventions (dates end in Date, counters in Num/Seq/Line, GUIDs are
 * SysRowID...). Other code relies on a few columns having exact types; the model tests pin those.
 */

const DATE_STRINGS = new Set(['CreatedOn', 'ChangedOn', 'EffectiveFrom', 'ExternalCRMLastSync', 'ExternalMESLastSync']);
/** String columns whose names look like dates but hold codes or flags. */
const NOT_DATES = new Set(['LotAppendDate']);

const INT_PATTERN =
  /(Num|Seq|Line|Days|Day|Count|Cnt|Year|Period|Month|Nbr|Digits|Ctr|Time|Type|Code|Rule|Status|Option|Action|Shift|Conf|Timing|Buffer|Delta|Fence|Cycles|Con|ID|Employees|Pieces|Life|Sys|Mnl|Seconds|Date|History|Country)$/;
const INT_NAMES = new Set(['TotalLines', 'TotalReleases', 'TotalRelDates', 'TotalCommLines', 'CommLines', 'DaysOfSupply', 'ShortHorizonDaysSupp', 'SampleSize']);
const PRICE_PATTERN = /(Price|Cost|Rate|Factor|Multiplier|MSRP)/;
const QTY_PATTERN = /(Qty|Quantity)/;
const PERCENT_PATTERN = /(Pct|Percent|Perc|Prc)/;

const STRING_LENGTHS: Readonly<Record<string, number>> = {
  Company: 8, CustID: 10, BTCustID: 10, ParentCustID: 10, OTSSaveCustID: 10, ShipToCustId: 10, dspBTCustID: 10,
  PartNum: 50, PONum: 50, Plant: 8, TransferPlant: 8, ClassID: 4, CurrencyCode: 4, TermsCode: 4, ShipViaCode: 4,
  SalesRepCode: 8, TerritoryID: 8, ProdCode: 8, CustomerType: 3, RowMod: 1, RevisionNum: 12, ShipToNum: 14,
  LineDesc: 1000, PartDescription: 1000, CreditHoldSource: 8, GroupCode: 4, LangNameID: 4, OrderStatus: 100,
  SearchWord: 8, TypeCode: 8, CustURL: 1000, EntryPerson: 75, ChangedBy: 75,
};

const LENGTH_RULES: readonly (readonly [RegExp, number])[] = [
  [/PartNum$/, 50],
  [/ShipToNum$/, 14],
  [/Name$/, 50],
  [/Address\d?$/, 50],
  [/(City|State|Country)$/, 50],
  [/Zip$/i, 10],
  [/(PhoneNum|FaxNum|Phone)$/, 20],
  [/(EMailAddress|EMail)$/, 50],
  [/(UM|UOM)$/, 6],
  [/Code$/, 10],
  [/ID$/, 20],
];

/** The EDM type of a schema field, from its JS type and Epicor's naming conventions. */
export function edmTypeOf(field: SchemaField): EdmType {
  const { name, jsType } = field;
  if (jsType === 'boolean') return 'Edm.Boolean';
  if (jsType === 'string') {
    if (/SysRowI[dD]$|GUID$/.test(name)) return 'Edm.Guid';
    if (NOT_DATES.has(name)) return 'Edm.String';
    if (DATE_STRINGS.has(name) || /Date$|^Date[A-Z]|DateTime$/.test(name)) return 'Edm.DateTime';
    return 'Edm.String';
  }
  if (name === 'SysRevID') return 'Edm.Int64';
  if (INT_NAMES.has(name) || INT_PATTERN.test(name) || /Days/.test(name)) return 'Edm.Int32';
  return 'Edm.Decimal';
}

function decimalFacets(name: string): { precision: number; scale: number } {
  if (QTY_PATTERN.test(name)) return { precision: 22, scale: 8 };
  if (PRICE_PATTERN.test(name)) return { precision: 17, scale: 5 };
  if (PERCENT_PATTERN.test(name)) return { precision: 9, scale: 4 };
  return { precision: 17, scale: 3 };
}

/** MaxLength of a string column: Epicor's field format where known, else a rule by suffix, else 1000. */
export function maxLengthOf(name: string): number {
  const known = STRING_LENGTHS[name];
  if (known !== undefined) return known;
  for (const [pattern, length] of LENGTH_RULES) if (pattern.test(name)) return length;
  return 1000;
}

/**
 * Turns a schema field into a model column. Keys, booleans and the system columns are non-nullable (Epicor
 * stores bit columns NOT NULL); everything else may be null.
 */
export function columnFromField(field: SchemaField, isKey: boolean): SimColumn {
  const type = edmTypeOf(field);
  const nullable = !isKey && type !== 'Edm.Boolean' && field.name !== 'SysRowID' && field.name !== 'SysRevID';
  const base = { name: field.name, type, nullable, description: field.description };
  if (type === 'Edm.String') return { ...base, maxLength: maxLengthOf(field.name) };
  if (type === 'Edm.Decimal') return { ...base, ...decimalFacets(field.name) };
  return base;
}
