import { connect } from '../../connect.ts';
import { KineticError } from '../../errors.ts';
import { startSimulator } from '../../simulator/index.ts';
import { formatTable } from '../format.ts';
import { allServices } from './simulator.ts';

interface DemoStep {
  title: string;
  sql: string;
  params?: readonly unknown[] | Record<string, unknown>;
}

const STEPS: DemoStep[] = [
  { title: 'Filter, order and limit run on the server', sql: "SELECT TOP 5 CustID, Name, City, State FROM Customers WHERE State = 'MN' ORDER BY Name" },
  { title: 'Parameters are bound as typed OData literals', sql: 'SELECT CustID, Name, Country FROM Customers WHERE Name LIKE ? ORDER BY CustID LIMIT 5', params: ["%'%"] },
  { title: 'A second service in the same connection', sql: 'SELECT OrderNum, OrderDate, OrderAmt FROM SalesOrders WHERE OpenOrder = 1 AND OrderAmt > @min ORDER BY OrderAmt DESC LIMIT 5', params: { min: 5000 } },
  { title: 'COUNT(*) becomes a count request', sql: 'SELECT COUNT(*) AS OpenOrders FROM SalesOrders WHERE OpenOrder = 1' },
  { title: 'A BAQ with its mandatory parameter as a pseudo-column', sql: "SELECT Customer_CustID, Customer_Name, Customer_Zip FROM zCustomer01 WHERE zipCode = '49503'" },
  {
    title: 'A join with grouping: each table sends what OData can, SQLite does the rest (orders are read by the keys of the MN customers)',
    sql: "SELECT c.Name, COUNT(*) AS Orders, SUM(o.OrderAmt) AS Total FROM Customers c JOIN SalesOrders o ON o.CustNum = c.CustNum WHERE c.State = 'MN' GROUP BY c.Name ORDER BY Total DESC",
  },
  { title: 'What the driver cannot run is refused by name, never half-done', sql: 'SELECT Name FROM Customers INTERSECT ALL SELECT Name FROM ShipToes' },
];

/** `kinetic-sql demo`: starts the bundled simulator and runs sample queries against it. */
export async function runDemoCommand(_argv: string[], out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const sim = await startSimulator({ port: 0, seed: 1 });
  try {
    const props = { Service: allServices(sim), ApiVersion: 'v2' };
    const connection = sim.connectionString({ ...props, CacheMetadata: 'false' });
    out.write(`Epicor REST simulator at ${sim.url} (instance ${sim.instance}, company ${sim.company})\n`);
    // The simulator's password and API key are fixed, public, simulator-only values: nothing to mask.
    out.write(`Connection string (this demo's simulator, which stops with the demo): ${connection}\n\n`);
    await using db = await connect(connection);
    for (const [i, step] of STEPS.entries()) {
      out.write(`${i + 1}. ${step.title}\n   SQL:   ${step.sql}\n`);
      if (step.params) out.write(`   params: ${JSON.stringify(step.params)}\n`);
      try {
        const plan = await db.explain(step.sql, step.params);
        for (const r of plan.requests) out.write(`   OData: ${r.method} ${decodeURIComponent(r.url.slice(sim.url.length))}\n`);
        if (plan.local) out.write(`   Local: ${plan.local}\n`);
        const { rows, columns } = await db.query(step.sql, step.params);
        out.write('\n' + indent(formatTable(columns.map((c) => c.name), rows)) + '\n');
      } catch (err) {
        if (!(err instanceof KineticError)) throw err;
        out.write(`   -> ${err.code}: ${err.message}\n\n`);
      }
    }
    const port = 8080;
    const yours = sim.connectionString({ ...props, URL: `http://127.0.0.1:${port}` });
    out.write(
      `Try your own: in another terminal run\n  npx kinetic-sql simulator --port ${port}\n` +
        `then, with the connection string it prints (the same every time):\n  npx kinetic-sql shell --connection "${yours}"\n` +
        `  npx kinetic-sql query "SELECT TOP 5 CustID, Name FROM Customers WHERE State = ?" --param MN --connection "${yours}"\n`,
    );
    return 0;
  } finally {
    await sim.close();
  }
}

function indent(text: string): string {
  return text.replace(/^(?=.)/gm, '   ');
}
