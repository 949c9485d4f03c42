// SS7 signalling configuration (docs/mtp3.md): own point code and network indicator, linksets of
// signalling links on span timeslots, routes to destinations beyond the adjacent points, and MTP3
// timer overrides (src/ss7/mtp3/timers.ts).
//
//   ss7:
//     pointCode: 1            # ITU 14-bit: 0-16383, or the 3-8-3 form "z-a-s" ("0-0-1")
//     networkIndicator: national
//     linksets:
//       - name: ls-exchange
//         adjacentPointCode: 2
//         links:
//           - { span: e1-0, timeslot: 16, slc: 0 }
//     timers: { T2: 1400, SLT_T1: 8000 }
import convict from 'convict';
import { ConfigError, listFormat, validateElement, type ElementSchema } from '../list.js';
import { parsePointCode } from '../../ss7/mtp3/point-code.js';
import { NETWORK_INDICATORS, type NetworkIndicator } from '../../ss7/mtp3/label.js';
import { MTP3_TIMERS, type Mtp3TimerKey } from '../../ss7/mtp3/timers.js';
import type { SpanConfig } from './spans.js';
import { checkMtp2Timers } from '../../ss7/mtp2/native-link.js';
import type { Mtp2TimerName } from '../../native/types/mtp2.js';

/** Per-link MTP2 options (docs/ss7.md): Q.703 §12.3 timer overrides and always-emergency proving. */
export interface Ss7Mtp2Options {
  /** Always align with emergency proving (Pe), whatever MTP3's linkset state (some far ends need it). */
  emergency: boolean;
  /** Q.703 timer overrides in ms (T1, T2, T3, T4n, T4e, T5, T6, T7), within Q.703's ranges. */
  timersMs: Partial<Record<Mtp2TimerName, number>>;
}

export interface Ss7LinkConfig {
  span: string;
  timeslot: number;
  /** Signalling link code 0-15, unique in the linkset; null: the link's position in the list. */
  slc: number;
  /** MTP2 options of the link; absent when not configured (emergency false, no timer overrides). */
  mtp2?: Ss7Mtp2Options;
}

export interface Ss7LinksetConfig {
  name: string;
  adjacentPointCode: number;
  links: Ss7LinkConfig[];
}

export interface Ss7RouteConfig {
  destination: number;
  linkset: string;
  priority: number;
}

export interface Ss7Config {
  pointCode: number;
  networkIndicator: NetworkIndicator;
  linksets: Ss7LinksetConfig[];
  routes: Ss7RouteConfig[];
  /** Q.704 §9 MTP restart: send TRA and wait for the adjacent point's (or T21) before traffic. */
  restartProcedure: boolean;
  timers: Record<Mtp3TimerKey, number>;
}

export const ss7LinkSchema: ElementSchema = {
  span: { doc: 'Name of the span (spans[].name) carrying the link.', format: String, default: '' },
  timeslot: { doc: 'Timeslot of the link: one of the span\'s signallingTimeslots.', format: 'ss7-timeslot', default: 16 },
  slc: { doc: 'Signalling link code 0-15, unique in the linkset (carried in the label of link management and test messages); null: position in the list.', format: 'ss7-optional-slc', default: null },
  mtp2: {
    doc: 'MTP2 options of the link: {emergency: always align with emergency proving (default false: MTP3 chooses, Q.704 §12.2.2), timersMs: Q.703 timer overrides in ms, e.g. {T2: 11500, T4n: 8200}, within Q.703 §12.3 ranges}.',
    // Object: convict keeps the value whole (checked by checkMtp2Options in checkSs7Config).
    format: Object,
    default: {},
  },
};

export const ss7LinksetSchema: ElementSchema = {
  name: { doc: 'Linkset name, unique (logs, events, CLI).', format: String, default: '' },
  adjacentPointCode: { doc: 'Point code of the adjacent signalling point: 0-16383 or "z-a-s".', format: 'point-code', default: null },
  links: { doc: 'Signalling links of the linkset, 1-16 (see "ss7.linksets[].links[]").', format: 'ss7-link-list', default: [] },
};

export const ss7RouteSchema: ElementSchema = {
  destination: { doc: 'Destination point code reached through the linkset: 0-16383 or "z-a-s".', format: 'point-code', default: null },
  linkset: { doc: 'Name of the linkset (ss7.linksets[].name).', format: String, default: '' },
  priority: { doc: 'Lower is preferred among routes to the same destination.', format: 'ss7-priority', default: 1 },
};

/** A list format whose elements hold lists: a nested error "[0].links: [1].slc: reason" is reported
 *  as "[0].links[1].slc: reason", so the key in ConfigError names the innermost field. */
function flatListFormat(name: string, schema: ElementSchema): convict.Format {
  return {
    name,
    validate(value: unknown) {
      if (!Array.isArray(value)) throw new Error('must be a list');
      value.forEach((v, i) => {
        try {
          validateElement(`[${i}]`, schema, v);
        } catch (err) {
          if (!(err instanceof ConfigError)) throw err;
          const inner = /^(\[\d+\][\w.[\]]*): (.*)$/s.exec(err.reason);
          throw new Error(inner ? `${err.key}${inner[1]}: ${inner[2]}` : `${err.key}: ${err.reason}`);
        }
      });
    },
  };
}

let done = false;

/** Registers the formats of the ss7 section once per process. */
export function registerSs7Formats(): void {
  if (done) return;
  done = true;
  convict.addFormat({
    name: 'point-code',
    validate(v: unknown) {
      if (v === null || v === undefined) throw new Error('a point code is required (0-16383 or "z-a-s")');
      parsePointCode(v);
    },
    coerce: (v: string) => (/^\d+$/.test(v) ? Number(v) : v),
  });
  const intRange = (name: string, lo: number, hi: number, nullable = false): void =>
    convict.addFormat({
      name,
      validate(v: unknown) {
        if (nullable && v === null) return;
        if (!Number.isInteger(v) || (v as number) < lo || (v as number) > hi) throw new Error(`must be an integer ${lo}-${hi}, got ${JSON.stringify(v)}`);
      },
      coerce: (v: string) => (nullable && v === 'null' ? null : Number(v)),
    });
  intRange('ss7-timeslot', 1, 31);
  intRange('ss7-optional-slc', 0, 15, true);
  intRange('ss7-priority', 0, 100);
  for (const t of MTP3_TIMERS) intRange(`mtp3-timer-${t.key}`, t.minMs, t.maxMs);
  convict.addFormat(listFormat('ss7-link-list', ss7LinkSchema));
  convict.addFormat(flatListFormat('ss7-linkset-list', ss7LinksetSchema));
  convict.addFormat(listFormat('ss7-route-list', ss7RouteSchema));
}

/** The section's schema; `lab: true` for lab.ss7 (the exchange simulator: point code 2 by default,
 *  no environment variable). */
export function ss7Schema(opts: { lab?: boolean } = {}): convict.Schema<Record<string, unknown>> {
  registerSs7Formats();
  const pointCode = opts.lab
    ? { doc: 'Point code of the exchange simulator, ITU 14 bits: 0-16383 or "z-a-s".', format: 'point-code', default: 2 }
    : { doc: 'Own signalling point code, ITU 14 bits: 0-16383 or the 3-8-3 form "z-a-s".', format: 'point-code', default: 1, env: 'TANDEM_SS7_POINT_CODE' };
  return {
    pointCode,
    networkIndicator: { doc: 'Network indicator of the SIO (Q.704 §14.2.2).', format: [...NETWORK_INDICATORS], default: 'national' },
    linksets: { doc: 'Linksets, one per adjacent signalling point (see "ss7.linksets[]").', format: 'ss7-linkset-list', default: [] },
    routes: { doc: 'Destinations beyond the adjacent points and the linkset that reaches them (see "ss7.routes[]").', format: 'ss7-route-list', default: [] },
    restartProcedure: {
      doc: 'MTP restart (Q.704 §9): when a linkset becomes available send TRA and start traffic when the adjacent point\'s TRA arrives (or T21 expires); false: start traffic at once, no TRA (adjacent points without the restart procedure).',
      format: 'bool',
      default: true,
    },
    timers: Object.fromEntries(
      MTP3_TIMERS.map((t) => [t.key, { doc: `${t.spec} ${t.name} (ms, ${t.minMs}-${t.maxMs}): ${t.description}.`, format: `mtp3-timer-${t.key}`, default: t.defaultMs }]),
    ),
  };
}

/** Checks a link's mtp2 options ({emergency, timersMs}, Q.703 §12.3 ranges) and fills defaults. */
export function checkMtp2Options(v: unknown, key: string): Ss7Mtp2Options {
  if (v === null || v === undefined) return { emergency: false, timersMs: {} };
  const fail = (k: string, reason: string): never => {
    throw new ConfigError(k, reason);
  };
  if (typeof v !== 'object' || Array.isArray(v)) fail(key, 'must be an object {emergency, timersMs}');
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) if (k !== 'emergency' && k !== 'timersMs') fail(`${key}.${k}`, 'unknown key (emergency, timersMs)');
  if (o.emergency !== undefined && typeof o.emergency !== 'boolean') fail(`${key}.emergency`, 'must be true or false');
  const timers = o.timersMs ?? {};
  if (timers === null || typeof timers !== 'object' || Array.isArray(timers)) fail(`${key}.timersMs`, 'must be an object of timer: ms');
  try {
    checkMtp2Timers(timers as Partial<Record<Mtp2TimerName, number>>);
  } catch (err) {
    fail(`${key}.timersMs`, (err as Error).message);
  }
  return { emergency: o.emergency === true, timersMs: { ...(timers as Partial<Record<Mtp2TimerName, number>>) } };
}

/** Name of the MTP2 link on a span timeslot, as events and logs show it. */
export function ss7LinkName(span: string, timeslot: number): string {
  return `${span}/${timeslot}`;
}

/** Fills list defaults, turns point codes into numbers and checks references (spans, timeslots,
 *  unique names, SLCs and timeslots). Mutates and returns `ss7`. `path` prefixes error keys. */
export function checkSs7Config(ss7: Ss7Config, spans: SpanConfig[], path = 'ss7'): Ss7Config {
  const num = (v: unknown, key: string): number => {
    try {
      return parsePointCode(v);
    } catch (err) {
      throw new ConfigError(key, (err as Error).message);
    }
  };
  ss7.pointCode = num(ss7.pointCode, `${path}.pointCode`);
  const names = new Set<string>();
  const adjacents = new Map<number, string>();
  const used = new Map<string, string>();
  ss7.linksets = ss7.linksets.map((raw, i) => {
    const p = `${path}.linksets[${i}]`;
    const ls = validateElement<Ss7LinksetConfig>(p, ss7LinksetSchema, raw);
    if (!ls.name) throw new ConfigError(`${p}.name`, 'a linkset needs a name');
    if (names.has(ls.name)) throw new ConfigError(`${p}.name`, `"${ls.name}" is already the name of another linkset`);
    names.add(ls.name);
    ls.adjacentPointCode = num(ls.adjacentPointCode, `${p}.adjacentPointCode`);
    if (ls.adjacentPointCode === ss7.pointCode) throw new ConfigError(`${p}.adjacentPointCode`, 'is the own point code');
    const prevAdj = adjacents.get(ls.adjacentPointCode);
    if (prevAdj) throw new ConfigError(`${p}.adjacentPointCode`, `linkset "${prevAdj}" already goes to point ${ls.adjacentPointCode} (one linkset per adjacent point)`);
    adjacents.set(ls.adjacentPointCode, ls.name);
    if (ls.links.length < 1 || ls.links.length > 16) throw new ConfigError(`${p}.links`, `a linkset has 1-16 links, got ${ls.links.length}`);
    const slcs = new Set<number>();
    ls.links = ls.links.map((rawLink, j) => {
      const lp = `${p}.links[${j}]`;
      const link = validateElement<Omit<Ss7LinkConfig, 'slc' | 'mtp2'> & { slc: number | null; mtp2: unknown }>(lp, ss7LinkSchema, rawLink);
      const slc = link.slc ?? j;
      if (slcs.has(slc)) throw new ConfigError(`${lp}.slc`, `SLC ${slc} is used twice in linkset "${ls.name}"`);
      slcs.add(slc);
      const span = spans.find((s) => s.name === link.span);
      if (!span) throw new ConfigError(`${lp}.span`, `no span named "${link.span}" (known: ${spans.map((s) => s.name).join(', ') || 'none'})`);
      if (!span.signallingTimeslots.includes(link.timeslot)) {
        throw new ConfigError(`${lp}.timeslot`, `timeslot ${link.timeslot} is not among span "${span.name}" signallingTimeslots [${span.signallingTimeslots.join(', ')}]`);
      }
      const key = ss7LinkName(link.span, link.timeslot);
      const prev = used.get(key);
      if (prev) throw new ConfigError(`${lp}`, `${key} is already used by ${prev}`);
      used.set(key, lp);
      const given = link.mtp2 !== null && typeof link.mtp2 === 'object' && Object.keys(link.mtp2).length > 0;
      const mtp2 = given || (link.mtp2 !== null && typeof link.mtp2 !== 'object') ? { mtp2: checkMtp2Options(link.mtp2, `${lp}.mtp2`) } : {};
      return { span: link.span, timeslot: link.timeslot, slc, ...mtp2 };
    });
    return ls;
  });
  ss7.routes = ss7.routes.map((raw, i) => {
    const p = `${path}.routes[${i}]`;
    const r = validateElement<Ss7RouteConfig>(p, ss7RouteSchema, raw);
    r.destination = num(r.destination, `${p}.destination`);
    if (!names.has(r.linkset)) throw new ConfigError(`${p}.linkset`, `no linkset named "${r.linkset}"`);
    return r;
  });
  return ss7;
}
