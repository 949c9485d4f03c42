// Shared helpers of the E1 integration tests: span configs with the schema's defaults, polling.
import { validateElement } from '../../../src/config/list.js';
import { registerFormats } from '../../../src/config/formats.js';
import { spanSchema, type SpanConfig } from '../../../src/config/sections/spans.js';
import { freeUdpPorts } from '../../helpers/ports.js';

/** A span config filled with the schema defaults (as `tandem start` would see it). */
export function spanConfig(name: string, localPort: number, remotePort: number, over: Partial<SpanConfig> = {}): SpanConfig {
  registerFormats();
  return validateElement<SpanConfig>(name, spanSchema, {
    name,
    driver: 'virtual',
    local: `127.0.0.1:${localPort}`,
    remote: `127.0.0.1:${remotePort}`,
    ...over,
  });
}

/** Two span configs looped to each other over loopback. */
export async function spanPair(over: Partial<SpanConfig> = {}, overB: Partial<SpanConfig> = {}): Promise<[SpanConfig, SpanConfig]> {
  const [pa, pb] = (await freeUdpPorts(2)) as [number, number];
  return [spanConfig('a', pa, pb, over), spanConfig('b', pb, pa, { ...over, ...overB })];
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls cond every 5 ms until it holds; throws with `what` after timeoutMs. */
export async function waitFor(what: string, cond: () => boolean, timeoutMs = 5000): Promise<number> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(5);
  }
  return Date.now() - t0;
}
