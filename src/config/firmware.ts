// Card profiles in firmware-config/: schema, loading and validation, and rendering of DAHDI's
// system.conf span lines from a profile (DAHDI's own file format, documented in dahdi-tools).
import convict from 'convict';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { readConfigFile } from './load.js';
import { registerFormats } from './formats.js';
import { validateElement, ConfigError, type ElementSchema } from './list.js';

export interface CardProfile {
  card: { vendor: string; model: string; driver: string; ports: number };
  line: { framing: 'ccs' | 'cas'; lineCode: 'hdb3' | 'ami'; crc4: boolean; termination: '120ohm' | '75ohm'; lineBuildOut: number };
  clocking: { source: 'line' | 'internal'; priority: number };
  timeslots: { signalling: number[]; bearer: string };
  echoCanceller: 'none' | 'software' | 'hardware';
}

let formatsDone = false;
function registerProfileFormats(): void {
  if (formatsDone) return;
  formatsDone = true;
  registerFormats();
  convict.addFormat({
    name: 'timeslot-ranges',
    validate(value: unknown) {
      if (typeof value !== 'string') throw new Error('must be a string of ranges like "1-15,17-31"');
      parseTimeslotRanges(value);
    },
  });
  convict.addFormat({
    name: 'int-0-255',
    validate(v: unknown) {
      if (!Number.isInteger(v) || (v as number) < 0 || (v as number) > 255) throw new Error('must be an integer 0-255');
    },
  });
  convict.addFormat({
    name: 'int-1-8',
    validate(v: unknown) {
      if (!Number.isInteger(v) || (v as number) < 1 || (v as number) > 8) throw new Error('must be an integer 1-8');
    },
  });
  convict.addFormat({
    name: 'int-0-7',
    validate(v: unknown) {
      if (!Number.isInteger(v) || (v as number) < 0 || (v as number) > 7) throw new Error('must be an integer 0-7');
    },
  });
}

export const profileSchema: ElementSchema = {
  card: {
    vendor: { doc: 'Card vendor.', format: String, default: '' },
    model: { doc: 'Card model.', format: String, default: '' },
    driver: { doc: 'Span driver: "virtual" or the DAHDI kernel module name.', format: String, default: 'virtual' },
    ports: { doc: 'E1 ports on the card.', format: 'int-1-8', default: 1 },
  },
  line: {
    framing: { doc: 'ccs (common channel, SS7) or cas.', format: ['ccs', 'cas'], default: 'ccs' },
    lineCode: { doc: 'G.703 line code.', format: ['hdb3', 'ami'], default: 'hdb3' },
    crc4: { doc: 'G.704 CRC-4 multiframe.', format: 'bool', default: true },
    termination: { doc: 'G.703 interface impedance.', format: ['120ohm', '75ohm'], default: '120ohm' },
    lineBuildOut: { doc: 'DAHDI line build-out index (0 for E1).', format: 'int-0-7', default: 0 },
  },
  clocking: {
    source: { doc: 'line: recover timing from the line; internal: free-run.', format: ['line', 'internal'], default: 'line' },
    priority: { doc: 'DAHDI timing priority (1 = first choice, 0 = never).', format: 'int-0-255', default: 1 },
  },
  timeslots: {
    signalling: { doc: 'HDLC signalling timeslots.', format: 'timeslot-list', default: [16] },
    bearer: { doc: 'Bearer timeslot ranges.', format: 'timeslot-ranges', default: '1-15,17-31' },
  },
  echoCanceller: { doc: 'Where G.168 echo cancelling runs.', format: ['none', 'software', 'hardware'], default: 'software' },
};

/** "1-15,17-31" -> [1..15, 17..31]; throws on bad syntax, out-of-range or TS0. */
export function parseTimeslotRanges(text: string): number[] {
  const out: number[] = [];
  for (const part of text.split(',').map((s) => s.trim())) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) throw new Error(`"${part}" is not a timeslot or range`);
    const lo = Number(m[1]);
    const hi = m[2] === undefined ? lo : Number(m[2]);
    if (lo < 1 || hi > 31 || lo > hi) throw new Error(`range "${part}" must lie within 1-31`);
    for (let ts = lo; ts <= hi; ts++) {
      if (out.includes(ts)) throw new Error(`timeslot ${ts} is listed twice`);
      out.push(ts);
    }
  }
  return out;
}

export const firmwareDir = fileURLToPath(new URL('../../firmware-config/', import.meta.url));

export function validateProfile(name: string, raw: unknown): CardProfile {
  registerProfileFormats();
  const p = validateElement<CardProfile>(`profile ${name}`, profileSchema, raw);
  const bearer = parseTimeslotRanges(p.timeslots.bearer);
  for (const ts of p.timeslots.signalling) {
    if (bearer.includes(ts)) throw new ConfigError(`profile ${name}.timeslots`, `timeslot ${ts} is both signalling and bearer`);
  }
  if (p.line.framing === 'cas' && (bearer.includes(16) || p.timeslots.signalling.includes(16))) {
    throw new ConfigError(`profile ${name}.timeslots`, 'with CAS framing timeslot 16 carries the CAS multiframe (G.704 5.1.3)');
  }
  return p;
}

export function loadProfile(name: string, dir = firmwareDir): CardProfile {
  if (!/^[\w.-]+$/.test(name)) throw new ConfigError('profile', `"${name}" is not a profile name`);
  return validateProfile(name, readConfigFile(join(dir, `${name}.yaml`)));
}

export function listProfiles(dir = firmwareDir): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -5))
    .sort();
}

function ranges(list: number[]): string {
  const sorted = [...list].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === (sorted[j] as number) + 1) j++;
    parts.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/**
 * The lines of /etc/dahdi/system.conf for one span of a card with this profile:
 * span=<num>,<timing>,<lbo>,<framing>,<coding>[,crc4] then bchan= and hardhdlc= channel lists
 * (channel numbers are firstChannel-1 + timeslot).
 */
export function renderDahdiSystemConf(profile: CardProfile, spanNumber: number, firstChannel: number): string {
  const timing = profile.clocking.source === 'line' ? profile.clocking.priority : 0;
  const fields = [`span=${spanNumber}`, String(timing), String(profile.line.lineBuildOut), profile.line.framing, profile.line.lineCode];
  if (profile.line.crc4) fields.push('crc4');
  const chan = (ts: number) => firstChannel - 1 + ts;
  const lines = [fields.join(',')];
  lines.push(`bchan=${ranges(parseTimeslotRanges(profile.timeslots.bearer).map(chan))}`);
  if (profile.timeslots.signalling.length) lines.push(`hardhdlc=${ranges(profile.timeslots.signalling.map(chan))}`);
  lines.push('alaw=' + ranges(parseTimeslotRanges(profile.timeslots.bearer).map(chan)));
  return lines.join('\n') + '\n';
}
