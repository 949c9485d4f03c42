// Loading the configuration: schema defaults < embedded default or file (JSON/YAML) < environment
// < command-line flags. An invalid config raises ConfigError naming the key's path and the reason.
import convict from 'convict';
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { buildSchema, listSchemas } from './schema.js';
import { ConfigError, validateElement } from './list.js';
import { embeddedConfig } from './embedded.js';
import type { SpanConfig } from './sections/spans.js';
import { checkSs7Config, type Ss7Config } from './sections/ss7.js';
import { checkSipConfig, type SipConfig } from './sections/sip.js';
import type { TonesConfig } from './sections/tones.js';
import { checkMediaConfig, type MediaConfig } from './sections/media.js';

export { ConfigError };

export interface TandemConfig {
  log: { level: string; pretty: boolean | null };
  engine: { realtimePriority: number; cpu: number };
  spans: SpanConfig[];
  lab: { spans: SpanConfig[]; ss7: Ss7Config };
  sip: SipConfig;
  ss7: Ss7Config;
  tones: TonesConfig;
  media: MediaConfig;
}

export interface LoadOptions {
  /** Config file path (JSON, or YAML by .yaml/.yml); absent: the embedded default. */
  file?: string;
  /** Already-parsed config object (tests); takes the place of file. */
  object?: Record<string, unknown>;
  /** Command-line flags in convict's form (["--log-level", "debug"]). */
  args?: string[];
  env?: NodeJS.ProcessEnv;
}

export function readConfigFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError('(file)', `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  let parsed: unknown;
  try {
    const ext = extname(file).toLowerCase();
    parsed = ext === '.yaml' || ext === '.yml' ? parseYaml(text) : JSON.parse(text);
  } catch (err) {
    throw new ConfigError('(file)', `${file} is not valid ${/\.ya?ml$/i.test(file) ? 'YAML' : 'JSON'}: ${(err as Error).message}`);
  }
  if (parsed === null || parsed === undefined) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) throw new ConfigError('(file)', 'top level must be a mapping');
  return parsed as Record<string, unknown>;
}

function getPath(obj: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}

function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let o: Record<string, unknown> = obj;
  for (const k of keys.slice(0, -1)) o = o[k] as Record<string, unknown>;
  o[keys[keys.length - 1] as string] = value;
}

export function loadConfig(opts: LoadOptions = {}): TandemConfig {
  const source = opts.object ?? (opts.file ? readConfigFile(opts.file) : (embeddedConfig as unknown as Record<string, unknown>));
  const c = convict(buildSchema(), { args: opts.args ?? [], env: opts.env ?? process.env });
  try {
    c.load(source);
    c.validate({ allowed: 'strict' });
  } catch (err) {
    throw toConfigError(err);
  }
  const props = c.getProperties() as Record<string, unknown>;
  // Fill and check list elements (paths like "spans[1].remote" in errors).
  for (const [path, schema] of Object.entries(listSchemas)) {
    const list = getPath(props, path);
    if (!Array.isArray(list)) continue;
    setPath(props, path, list.map((el, i) => validateElement(`${path}[${i}]`, schema, el)));
  }
  const cfg = props as unknown as TandemConfig;
  checkCrossReferences(cfg);
  checkSipConfig(cfg.sip);
  checkSs7Config(cfg.ss7, cfg.spans);
  checkSs7Config(cfg.lab.ss7, cfg.lab.spans, 'lab.ss7');
  checkMediaConfig(cfg.media);
  return cfg;
}

function toConfigError(err: unknown): ConfigError {
  if (err instanceof ConfigError) return err;
  const msg = err instanceof Error ? err.message : String(err);
  const first = msg.split('\n')[0] ?? msg;
  const undeclared = /configuration param '([^']+)' not declared/.exec(first);
  if (undeclared) return new ConfigError(undeclared[1] as string, 'unknown key');
  // List formats report "[i].key: reason" after the list's own path.
  const nested = /^([\w.]+): (\[\d+\][\w.[\]]*): (.*)$/s.exec(first);
  if (nested) return new ConfigError(`${nested[1]}${nested[2]}`, (nested[3] as string).replace(/: value was \[.*$/s, ''));
  const m = /^([\w.]+): (.*)$/s.exec(first);
  if (m) return new ConfigError(m[1] as string, m[2] as string);
  return new ConfigError('(config)', first);
}

/** Checks that span names are unique and references between sections resolve. */
function checkCrossReferences(cfg: TandemConfig): void {
  const seen = new Map<string, string>();
  const all: [string, SpanConfig[]][] = [['spans', cfg.spans], ['lab.spans', cfg.lab.spans]];
  for (const [path, spans] of all) {
    spans.forEach((s, i) => {
      if (!s.name) throw new ConfigError(`${path}[${i}].name`, 'a span needs a name');
      const prev = seen.get(s.name);
      if (prev) throw new ConfigError(`${path}[${i}].name`, `"${s.name}" is already the name of ${prev}`);
      seen.set(s.name, `${path}[${i}]`);
    });
  }
}
