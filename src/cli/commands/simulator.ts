import { parseArgs } from 'node:util';
import { startSimulator, type Simulator } from '../../simulator/index.ts';
import { integerOption, UsageError } from '../usage-error.ts';
import { SIMULATOR_USAGE } from '../usage.ts';

/** The value of `Service` that names every service the simulator serves (BaqSvc for the BAQs). */
export function allServices(sim: Simulator): string {
  return [...sim.model.services.map((s) => s.name), ...(sim.model.baqs.length > 0 ? ['BaqSvc'] : [])].join(',');
}

/** `kinetic-sql simulator`: runs the simulator until SIGINT/SIGTERM. Returns the exit code. */
export async function runSimulatorCommand(args: string[], out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      seed: { type: 'string' },
      customers: { type: 'string' },
      'page-cap': { type: 'string' },
      latency: { type: 'string' },
      'max-query-string': { type: 'string' },
      'max-url-length': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    out.write(`${SIMULATOR_USAGE}\n`);
    return 0;
  }
  // A cap of 0 would answer every query with no rows: refuse it rather than mislead.
  const pageCap = integerOption(values['page-cap'], 'page-cap', undefined, 1);
  const latencyMs = integerOption(values.latency, 'latency', undefined);
  const maxQueryString = integerOption(values['max-query-string'], 'max-query-string', undefined);
  const maxUrlLength = integerOption(values['max-url-length'], 'max-url-length', undefined);
  const customers = integerOption(values.customers, 'customers', 500, 1);
  const port = integerOption(values.port, 'port', 0);
  if (port !== undefined && port > 65535) throw new UsageError(`--port must be at most 65535, not ${port}.`);
  const sim = await startSimulator({
    port: port ?? 0,
    host: values.host ?? '127.0.0.1',
    seed: integerOption(values.seed, 'seed', 1) ?? 1,
    customers: customers ?? 500,
    ...(pageCap !== undefined ? { pageCap } : {}),
    ...(latencyMs !== undefined ? { latencyMs } : {}),
    ...(maxQueryString !== undefined ? { maxQueryString } : {}),
    ...(maxUrlLength !== undefined ? { maxUrlLength } : {}),
  });
  const Service = allServices(sim);
  const lines = [
    'Epicor Kinetic REST API simulator is running.',
    `URL: ${sim.url}`,
    `Instance: ${sim.instance}`,
    `Company: ${sim.company}`,
    `User: ${sim.user}`,
    `Password: ${sim.password}   (a fixed simulator-only credential)`,
    `API key: ${sim.apiKey}`,
    `Services: ${Service}`,
    `v1: ${sim.connectionString({ ApiVersion: 'v1', Service })}`,
    `v2: ${sim.connectionString({ ApiVersion: 'v2', Service })}`,
    `Try: kinetic-sql shell --connection "${sim.connectionString({ ApiVersion: 'v2', Service })}"`,
    'Press Ctrl+C to stop.',
  ];
  out.write(`${lines.join('\n')}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await sim.close();
  out.write('Simulator stopped.\n');
  return 0;
}
