import { KineticSqlError } from '../../errors.ts';
import type { CatalogColumn, CatalogParameter, CatalogTable } from '../../metadata/catalog.ts';
import type { FilterNode } from '../../odata/filter.ts';
import type { ColumnRef, Expr } from '../../sql/ir/expr.ts';
import type { TableRef } from '../../sql/ir/select.ts';
import { closestNames, didYouMean } from '../closest-names.ts';
import { valueTypeOf, type SqlValueType } from './value-types.ts';

/** A column a FROM item offers: a catalog column of a table, or an output column of a subquery. */
export interface ScopeColumn {
  readonly name: string;
  readonly type: SqlValueType;
  readonly nullable: boolean;
  /** Digits after the point of a decimal column. */
  readonly scale?: number;
  /** The catalog column, for a table's columns (its EDM type is what `columns` reports). */
  readonly catalog?: CatalogColumn;
}

/**
 * One occurrence of a table or subquery in a FROM clause. Its local name is `a{id}`; a base table's
 * rows are loaded into the local table `t{id}`. While the statement is rendered, the instance collects
 * what to fetch: the columns it uses and the conditions pushed down to it.
 */
export class TableInstance {
  readonly used = new Set<string>();
  star = false;
  /** Conjuncts sent with its request: the IR (to keep it local instead, when the URL gets too long) and the filter. */
  readonly pushed: { readonly expr: Expr; readonly filter: FilterNode }[] = [];
  /** TOP/OFFSET sent with the request, with the ORDER BY they need (see windowPushdown). */
  window?: { readonly orderby: readonly { readonly column: string; readonly desc: boolean }[]; readonly top?: number; readonly skip?: number };
  /** Fetch by the join keys of another table occurrence (see SemiJoin). */
  semiJoin?: { readonly column: string; readonly from: TableInstance; readonly fromColumn: string };
  baqParams: Readonly<Record<string, string>> = {};
  /** May conditions of its SELECT's WHERE be sent with its request (false on the null side of an outer join)? */
  pushable = true;
  readonly #columns: ReadonlyMap<string, ScopeColumn>;

  constructor(
    readonly id: number,
    readonly alias: string | undefined,
    readonly columns: readonly ScopeColumn[],
    readonly table?: CatalogTable,
    readonly ref?: TableRef,
  ) {
    this.#columns = new Map(columns.map((c) => [c.name.toLowerCase(), c]));
  }

  static forTable(id: number, table: CatalogTable, ref: TableRef): TableInstance {
    const columns = table.columns.map((c) => ({ name: c.name, type: valueTypeOf(c.type), nullable: c.nullable, catalog: c, ...(c.scale !== undefined ? { scale: c.scale } : {}) }));
    return new TableInstance(id, ref.alias, columns, table, ref);
  }

  /** The name the local SQL uses for this FROM item. */
  get sqlAlias(): string {
    return `a${this.id}`;
  }

  /** The name a user wrote, for messages. */
  get label(): string {
    return this.alias ?? this.table?.name ?? `subquery ${this.id}`;
  }

  column(name: string): ScopeColumn | undefined {
    return this.#columns.get(name.toLowerCase());
  }

  parameter(name: string): CatalogParameter | undefined {
    if (this.column(name)) return undefined;
    return this.table?.parameters.find((p) => p.name.toLowerCase() === name.toLowerCase());
  }

  /** Does `qualifier` name this instance: its alias, or (without an alias) its table or `Service.Table`? */
  answersTo(qualifier: string): boolean {
    const q = qualifier.toLowerCase();
    if (this.alias !== undefined) return this.alias.toLowerCase() === q;
    if (!this.table) return false;
    return this.table.name.toLowerCase() === q || `${this.table.service}.${this.table.name}`.toLowerCase() === q;
  }
}

/** A column reference resolved: which FROM item, which column, and whether it comes from an enclosing query. */
export interface Resolved {
  readonly instance: TableInstance;
  readonly column: ScopeColumn;
  readonly outer: boolean;
}

/**
 * The FROM items visible to one SELECT block, and the enclosing blocks' (for correlated subqueries).
 * Names resolve case-insensitively; an unqualified name found in two FROM items is ambiguous.
 *
 * @example
 * ```ts
 * scope.resolve({ kind: 'column', name: 'CustNum', qualifier: 'c' }); // { instance: c, column: CustNum, outer: false }
 * ```
 */
export class Scope {
  constructor(readonly instances: readonly TableInstance[], readonly parent?: Scope) {}

  resolve(ref: ColumnRef): Resolved {
    const found = this.#find(ref, false);
    if (found) return found;
    throw this.#unknown(ref);
  }

  /** The BAQ parameter a reference names, if it names one and no column. */
  parameter(ref: ColumnRef): { instance: TableInstance; parameter: CatalogParameter } | undefined {
    const candidates = ref.qualifier === undefined ? this.instances : this.instances.filter((i) => i.answersTo(ref.qualifier as string));
    for (const instance of candidates) {
      const parameter = instance.parameter(ref.name);
      if (parameter) return { instance, parameter };
    }
    return undefined;
  }

  #find(ref: ColumnRef, outer: boolean): Resolved | undefined {
    if (ref.qualifier !== undefined) {
      const owner = this.instances.find((i) => i.answersTo(ref.qualifier as string));
      if (owner) {
        const column = owner.column(ref.name);
        if (!column) throw this.#notIn(ref, owner);
        return { instance: owner, column, outer };
      }
      return this.parent ? this.parent.#find(ref, true) : undefined;
    }
    const hits = this.instances.flatMap((instance) => {
      const column = instance.column(ref.name);
      return column ? [{ instance, column, outer }] : [];
    });
    if (hits.length > 1) {
      const names = hits.map((h) => `${h.instance.label}.${h.column.name}`);
      throw new KineticSqlError('ENO_COLUMN', `Column "${ref.name}" is ambiguous: it could be ${names.join(' or ')}. Qualify it with its table or alias.`, { name: ref.name });
    }
    return hits[0] ?? (this.parent ? this.parent.#find(ref, true) : undefined);
  }

  #notIn(ref: ColumnRef, owner: TableInstance): KineticSqlError {
    if (owner.parameter(ref.name)) {
      return new KineticSqlError('ESQL_UNSUPPORTED', `Using the BAQ parameter ${ref.name} this way is not supported: write ${ref.name} = value in WHERE, joined to the rest with AND.`);
    }
    const hint = didYouMean(closestNames(ref.name, owner.columns.map((c) => c.name)));
    return new KineticSqlError('ENO_COLUMN', `Column "${ref.name}" is not in ${owner.label}.${hint}`, { name: ref.name });
  }

  #unknown(ref: ColumnRef): KineticSqlError {
    if (ref.qualifier !== undefined) {
      const names = this.#all().map((i) => i.label);
      return new KineticSqlError('ENO_TABLE', `"${ref.qualifier}" does not name a table of this query (${names.join(', ')}).`, { name: ref.qualifier });
    }
    const param = this.parameter(ref);
    if (param) return new KineticSqlError('ESQL_UNSUPPORTED', `Using the BAQ parameter ${param.parameter.name} this way is not supported: write ${param.parameter.name} = value in WHERE, joined to the rest with AND.`);
    const all = this.#all().flatMap((i) => i.columns.map((c) => c.name));
    const tables = this.instances.map((i) => i.label).join(', ');
    return new KineticSqlError('ENO_COLUMN', `Column "${ref.name}" is not in ${tables || 'the query'}.${didYouMean(closestNames(ref.name, all))}`, { name: ref.name });
  }

  #all(): TableInstance[] {
    return [...this.instances, ...(this.parent ? this.parent.#all() : [])];
  }
}
