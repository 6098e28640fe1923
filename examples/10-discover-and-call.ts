/**
 * Example 8: discover what a connection reaches with the system tables, then call Epicor's methods and
 * Functions as procedures.
 *
 *   node --import tsx examples/10-discover-and-call.ts
 *
 * The system tables (sys_tables, sys_tablecolumns, sys_foreignkeys, sys_procedures, ...) are read from the
 * metadata the connection already holds: no request to Epicor. A custom method advertised by $metadata is
 * `EXEC [Service].[Method]`; an Epicor Function is `EXEC efx.[Library].[Function]` (API v2). Uses the
 * bundled simulator (its SimTools function library exists only there).
 */
import { connect } from '../src/index.ts';
import { startSimulator } from '../src/simulator/index.ts';

const sim = await startSimulator({ port: 0, seed: 1, customers: 300 });
const db = await connect(sim.connectionString({ Service: 'Erp.BO.CustomerSvc', ApiVersion: 'v2', CacheMetadata: 'false' }));

try {
  sim.resetStats();
  // The widest tables, from the system tables joined and grouped.
  const { rows: widest } = await db.query(`
    SELECT TOP 3 t.TableName, COUNT(*) AS Columns
      FROM sys_tables t JOIN sys_tablecolumns c ON c.SchemaName = t.SchemaName AND c.TableName = t.TableName
     WHERE t.TableType = 'TABLE'
     GROUP BY t.TableName ORDER BY Columns DESC, t.TableName`);
  console.log('Widest tables:');
  for (const r of widest) console.log(`  ${r.TableName}  ${r.Columns} columns`);

  // Foreign keys come from the navigation of $metadata.
  const { rows: children } = await db.query(
    "SELECT DISTINCT TableName FROM sys_foreignkeys WHERE ReferencedTableName = 'Customers' AND ColumnName = 'CustNum' ORDER BY TableName");
  console.log(`Tables referencing Customers: ${children.length} (${children.slice(0, 3).map((r) => r.TableName).join(', ')}, ...)`);

  // Secrets are masked.
  const { rows: props } = await db.query("SELECT Name, Value FROM sys_connection_props WHERE Name IN ('User', 'Password') ORDER BY Name");
  console.log(`Properties: ${props.map((r) => `${r.Name}=${r.Value}`).join(', ')}`);
  console.log(`Requests sent for the system tables: ${sim.stats().requests}`);

  // The methods $metadata advertises, with their parameters.
  const { rows: methods } = await db.query(`
    SELECT p.ProcedureName, COUNT(pp.ColumnName) AS Parameters
      FROM sys_procedures p LEFT JOIN sys_procedureparameters pp
        ON pp.SchemaName = p.SchemaName AND pp.ProcedureName = p.ProcedureName AND pp.Direction = 1
     WHERE p.SchemaName = 'Erp.BO.CustomerSvc' GROUP BY p.ProcedureName ORDER BY p.ProcedureName`);
  console.log(`Methods: ${methods.map((m) => `${m.ProcedureName}(${m.Parameters})`).join(', ')}`);

  // A method: GetByID answers a table set; its Customer rows are the result.
  const { rows: [customer] } = await db.execute('EXEC [Erp.BO.CustomerSvc].[GetByID] @custNum = ?', [1]);
  console.log(`GetByID(1): ${customer?.CustID} ${customer?.Name}`);

  // An Epicor Function: the output parameters are one row.
  const { rows: [sum] } = await db.execute('EXEC efx.[SimTools].[AddNumbers] @a = 2, @b = 3');
  console.log(`efx SimTools.AddNumbers(2, 3): sum ${sum?.sum}, product ${sum?.product}`);

  // A wrong parameter is refused before any request, naming it.
  try {
    await db.execute('EXEC [Erp.BO.CustomerSvc].[GetByID] @customer = 1');
  } catch (err) {
    console.log(`Wrong parameter: ${(err as { code: string }).code}: ${(err as Error).message}`);
  }
} finally {
  await db.close();
  await sim.close();
}
