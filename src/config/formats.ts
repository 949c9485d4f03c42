// Custom convict formats shared by the config sections. Each validate() throws an Error whose
// message names what is wrong; convict prefixes it with the key's path.
import convict from 'convict';
import { isIP } from 'node:net';

/** "host:port" or "[v6]:port"; host must be an IP literal (the appliance does not resolve names for spans). */
export function parseHostPort(value: string): { host: string; port: number } {
  const m = /^\[([^\]]+)\]:(\d+)$/.exec(value) ?? /^([^:]+):(\d+)$/.exec(value);
  if (!m) throw new Error(`expected "address:port" or "[v6address]:port", got ${JSON.stringify(value)}`);
  const host = m[1] as string;
  const port = Number(m[2]);
  if (isIP(host) === 0) throw new Error(`"${host}" is not an IPv4 or IPv6 address`);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`port ${m[2]} is out of range 0-65535`);
  return { host, port };
}

let registered = false;

/** Registers the formats once per process (convict's registry is global). */
export function registerFormats(): void {
  if (registered) return;
  registered = true;
  convict.addFormat({
    name: 'host-port',
    validate(value: unknown) {
      if (typeof value !== 'string') throw new Error('must be a string "address:port"');
      parseHostPort(value);
    },
  });
  convict.addFormat({
    name: 'optional-path',
    validate(value: unknown) {
      if (value !== null && typeof value !== 'string') throw new Error('must be a file path or null');
    },
  });
  const intRange = (name: string, lo: number, hi: number) =>
    convict.addFormat({
      name,
      validate(value: unknown) {
        if (!Number.isInteger(value) || (value as number) < lo || (value as number) > hi) {
          throw new Error(`must be an integer ${lo}-${hi}, got ${JSON.stringify(value)}`);
        }
      },
      coerce: (v: string) => Number(v),
    });
  intRange('int-1-64', 1, 64);
  intRange('int-1-10000', 1, 10000);
  intRange('port', 0, 65535);
  intRange('int-0-99', 0, 99);
  intRange('int-cpu', -1, 1023);
  convict.addFormat({
    name: 'bool',
    validate(value: unknown) {
      if (typeof value !== 'boolean') throw new Error(`must be true or false, got ${JSON.stringify(value)}`);
    },
    coerce: (v: string) => (v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : v),
  });
  convict.addFormat({
    name: 'optional-boolean',
    validate(value: unknown) {
      if (value !== null && typeof value !== 'boolean') throw new Error('must be true, false or null');
    },
    coerce: (v: string) => (v === 'null' ? null : v === 'true' || v === '1'),
  });
  convict.addFormat({
    name: 'optional-int',
    validate(value: unknown) {
      if (value !== null && !Number.isInteger(value)) throw new Error('must be an integer or null');
    },
    coerce: (v: string) => (v === 'null' ? null : Number(v)),
  });
  convict.addFormat({
    name: 'optional-string',
    validate(value: unknown) {
      if (value !== null && typeof value !== 'string') throw new Error('must be a string or null');
    },
  });
  convict.addFormat({
    name: 'timeslot-list',
    validate(value: unknown) {
      if (!Array.isArray(value)) throw new Error('must be a list of timeslot numbers 1-31');
      for (const ts of value) {
        if (!Number.isInteger(ts) || (ts as number) < 1 || (ts as number) > 31) {
          throw new Error(`timeslot ${JSON.stringify(ts)} is not an integer 1-31`);
        }
      }
    },
    coerce: (v: string) => v.split(',').map((s) => Number(s.trim())),
  });
}
