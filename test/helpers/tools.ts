// External tools the tests drive (sipp, tshark, sox, tmux, baresip). A missing tool skips the test
// with a clear message locally, and fails it under CI (CI=true), where .ci/run installs them.
import { spawnSync } from 'node:child_process';
import type { TestContext } from 'node:test';

const cache = new Map<string, boolean>();

export function haveTool(name: string): boolean {
  let ok = cache.get(name);
  if (ok === undefined) {
    ok = spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
    cache.set(name, ok);
  }
  return ok;
}

export const underCI = process.env.CI === 'true' || process.env.CI === '1';

/** Returns true when the tool is there; otherwise skips the test (or fails it under CI). */
export function requireTool(t: TestContext, name: string, pkg = name): boolean {
  if (haveTool(name)) return true;
  const msg = `${name} is not installed (Debian package ${pkg}); .ci/run installs it`;
  if (underCI) throw new Error(`CI: ${msg}`);
  t.skip(msg);
  return false;
}
