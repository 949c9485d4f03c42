// Lists of objects in the config (spans, listeners, linksets): convict validates scalars only, so
// each list element is validated by a convict schema of its own, with errors that name the element
// ("spans[1].remote: ..."), and defaults filled in.
import convict from 'convict';

export type ElementSchema = convict.Schema<Record<string, unknown>>;

export class ConfigError extends Error {
  constructor(
    readonly key: string,
    readonly reason: string,
  ) {
    super(`${key}: ${reason}`);
    this.name = 'ConfigError';
  }
}

/** Validates one element and returns it with defaults filled; throws ConfigError naming the path. */
export function validateElement<T>(path: string, schema: ElementSchema, value: unknown): T {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError(path, 'must be an object');
  }
  const c = convict(schema, { env: {}, args: [] });
  try {
    c.load(value as Record<string, unknown>);
    c.validate({ allowed: 'strict' });
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    // convict reports "key: reason" (and "configuration param 'x' not declared in the schema").
    const first = msg.split('\n')[0] ?? msg;
    const undeclared = /configuration param '([^']+)' not declared/.exec(first);
    if (undeclared) throw new ConfigError(`${path}.${undeclared[1]}`, 'unknown key');
    const m = /^([\w.]+): (.*)$/s.exec(first);
    if (m) throw new ConfigError(`${path}.${m[1]}`, m[2] as string);
    throw new ConfigError(path, first);
  }
  return c.getProperties() as T;
}

/** A convict format for a list whose elements follow `schema`. */
export function listFormat(name: string, schema: ElementSchema): convict.Format {
  return {
    name,
    validate(value: unknown) {
      if (!Array.isArray(value)) throw new Error('must be a list');
      value.forEach((v, i) => validateElement(`[${i}]`, schema, v));
    },
  };
}
