// `tandem start --config FILE` as a child process for the multi-process tests: its JSON log lines are
// collected from stdout and waited on by predicate.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** A pino log line of the gateway (the fields tests read; everything else stays reachable by key). */
export interface LogLine {
  event?: string;
  time?: string;
  [k: string]: unknown;
}

export class TandemProcess<L extends LogLine = LogLine> {
  readonly lines: L[] = [];
  readonly proc: ChildProcess;
  readonly exited: Promise<number | null>;
  stderr = '';
  private waiters: (() => void)[] = [];

  constructor(
    readonly name: string,
    configFile: string,
    extraArgs: string[] = [],
  ) {
    this.proc = spawn(process.execPath, ['--import', 'tsx', 'src/cli/run.ts', 'start', '--config', configFile, ...extraArgs], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    createInterface({ input: this.proc.stdout! }).on('line', (l) => {
      try {
        this.lines.push(JSON.parse(l) as L);
      } catch {
        this.lines.push({ raw: l } as unknown as L);
      }
      for (const w of this.waiters.splice(0)) w();
    });
    this.proc.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.exited = new Promise((resolve) => this.proc.on('exit', (code) => resolve(code)));
  }

  find(pred: (l: L) => boolean, from = 0): L | undefined {
    return this.lines.slice(from).find(pred);
  }

  async waitFor(what: string, pred: (l: L) => boolean, timeoutMs: number, from = 0): Promise<L> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.find(pred, from);
      if (hit) return hit;
      const left = deadline - Date.now();
      if (left <= 0 || this.proc.exitCode !== null) {
        const evs = this.lines
          .slice(from)
          .map((l) => `${l.event}${typeof l.link === 'string' ? `(${l.link})` : ''}`)
          .join(',');
        throw new Error(`${this.name}: timed out waiting for ${what}; events: ${evs}; stderr: ${this.stderr.slice(-2000)}`);
      }
      await new Promise<void>((r) => {
        const t = setTimeout(r, Math.min(left, 500));
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
  }

  /** SIGINT: an orderly stop; resolves with the exit code. */
  async stop(): Promise<number | null> {
    if (this.proc.exitCode === null) this.proc.kill('SIGINT');
    return this.exited;
  }

  /** SIGKILL: the process dies, its line goes silent. */
  async kill(): Promise<void> {
    if (this.proc.exitCode === null) this.proc.kill('SIGKILL');
    await this.exited;
  }
}
