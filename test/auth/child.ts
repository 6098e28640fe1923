/** Runs test/integration/fixtures/oauth-child.ts in a new process. */
import { execFile } from 'node:child_process';
import { programArgs } from '../support/program.ts';

export interface ChildAnswer {
  readonly results: { rows: Record<string, unknown>[]; rowCount: number }[];
  readonly error?: { code?: string; message?: string };
  readonly stderr: string;
}


export function runChild(cs: string, statements: [string, unknown[]?][]): Promise<ChildAnswer> {
  return new Promise((resolve) => {
    execFile(process.execPath, programArgs('test/integration/fixtures/oauth-child.ts', [cs, JSON.stringify(statements)]), { timeout: 60_000 }, (_err, stdout, stderr) => {
      const lines = stdout.trim().split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
      const error = lines.find((l) => 'error' in l)?.['error'] as ChildAnswer['error'];
      resolve({ results: lines.filter((l) => !('error' in l)) as unknown as ChildAnswer['results'], ...(error ? { error } : {}), stderr });
    });
  });
}
