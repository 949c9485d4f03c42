// Running sipp (Debian's sip-tester) from tests: a scenario file or a built-in scenario against a
// target, waiting for it to exit; exit status 0 means every call succeeded.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const SCENARIOS = fileURLToPath(new URL('./scenarios/', import.meta.url));

export interface SippRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface SippOptions {
  scenario: string; // file name under scenarios/ or "-sn:uac" for a built-in
  target?: string; // host:port (UAC role)
  localPort: number;
  transport?: 'u1' | 't1' | 'un' | 'tn';
  calls?: number;
  rate?: number;
  extra?: string[];
  timeoutMs?: number;
}

export function runSipp(o: SippOptions): Promise<SippRun> {
  const args: string[] = [];
  if (o.scenario.startsWith('-sn:')) args.push('-sn', o.scenario.slice(4));
  else args.push('-sf', SCENARIOS + o.scenario);
  if (o.target) args.push(o.target);
  args.push(
    '-i',
    '127.0.0.1',
    '-p',
    String(o.localPort),
    '-t',
    o.transport ?? 'u1',
    '-m',
    String(o.calls ?? 1),
    '-r',
    String(o.rate ?? 10),
    '-nostdin',
    '-timeout_error',
    '-timeout',
    `${Math.ceil((o.timeoutMs ?? 20000) / 1000)}s`,
    ...(o.extra ?? []),
  );
  return new Promise((resolve) => {
    const p = spawn('sipp', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const kill = setTimeout(() => p.kill('SIGKILL'), (o.timeoutMs ?? 20000) + 5000);
    p.on('close', (code) => {
      clearTimeout(kill);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Starts sipp and resolves once it runs (UAS role), with a promise of its end. */
export function startSipp(o: SippOptions): { done: Promise<SippRun> } {
  return { done: runSipp(o) };
}
