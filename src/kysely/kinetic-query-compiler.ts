import { MssqlQueryCompiler, ValueNode, type CompiledQuery, type CommonTableExpressionNameNode, type FetchNode, type QueryId, type RootOperationNode, type SchemableIdentifierNode, type SelectQueryNode } from 'kysely';

/**
 * kysely's SQL Server compiler, with the two things this driver reads differently: parameters are
 * written `?` (bound in order from kysely's parameter array; the driver's `@name` needs a letter first,
 * and kysely numbers them `@1, @2`), and a schema that is the last part of a configured service
 * (`PartSvc` in `selectFrom('PartSvc.EntityGLCs')`, the names `kinetic-sql codegen` gives tables found in
 * several services) is written as the whole service, `"Erp.BO.PartSvc"."EntityGLCs"`. `.limit(n)`
 * with `.offset(m)` is written as SQL Server's `offset m rows fetch next n rows only`. The name of a
 * `with` query is written unquoted when it is a plain identifier (the driver's parser reads
 * `WITH big AS (...)`, not `WITH "big" AS (...)`).
 */
export class KineticQueryCompiler extends MssqlQueryCompiler {
  readonly #services: () => readonly string[] | undefined;
  #unresolved = false;

  /**
   * `services`: the configured service names, read when a query is compiled; undefined while the
   * connection is not open yet (a dialect given a connection string, before its first query).
   */
  constructor(services: () => readonly string[] | undefined) {
    super();
    this.#services = services;
  }

  /**
   * Whether `query` was compiled before the services were known and names a schema, so that the
   * connection compiles it again once open (`PartSvc` must become `Erp.BO.PartSvc`).
   */
  static compiledBeforeConnect(query: CompiledQuery): boolean {
    return UNRESOLVED.has(query);
  }

  override compileQuery(node: RootOperationNode, queryId: QueryId): CompiledQuery {
    this.#unresolved = false;
    const compiled = super.compileQuery(node, queryId);
    if (this.#unresolved) UNRESOLVED.add(compiled);
    return compiled;
  }

  protected override getCurrentParameterPlaceholder(): string {
    return '?';
  }

  // kysely's SQL Server compiler writes `.limit(n).offset(m)` as `limit ? offset ? rows`, which SQL
  // Server does not take; the driver reads `limit ?` alone, and OFFSET with FETCH.
  protected override visitSelectQuery(node: SelectQueryNode): void {
    const limit = node.limit?.limit;
    if (node.offset && !node.fetch && limit && ValueNode.is(limit)) {
      const fetch: FetchNode = { kind: 'FetchNode', rowCount: limit, modifier: 'only' };
      super.visitSelectQuery({ ...node, limit: undefined, fetch });
      return;
    }
    super.visitSelectQuery(node);
  }

  protected override visitCommonTableExpressionName(node: CommonTableExpressionNameNode): void {
    const name = node.table.table.identifier.name;
    if (node.table.table.schema || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      super.visitCommonTableExpressionName(node);
      return;
    }
    this.append(name);
    if (node.columns) {
      this.append('(');
      this.compileList(node.columns);
      this.append(')');
    }
  }

  protected override visitSchemableIdentifier(node: SchemableIdentifierNode): void {
    if (node.schema) {
      const schema = node.schema.name;
      const services = this.#services();
      if (services === undefined) this.#unresolved = true;
      const service = services?.find((s) => s.toLowerCase() === schema.toLowerCase()) ??
        services?.find((s) => s.slice(s.lastIndexOf('.') + 1).toLowerCase() === schema.toLowerCase());
      this.append(`${this.getLeftIdentifierWrapper()}${this.sanitizeIdentifier(service ?? schema)}${this.getRightIdentifierWrapper()}.`);
    }
    this.visitNode(node.identifier);
  }
}

const UNRESOLVED = new WeakSet<CompiledQuery>();
