// The one convict schema of Tandem. Each section lives in src/config/sections/<name>.ts; lists of
// objects are validated element by element (list.ts). docs/configuration.md is generated from this
// schema by `npm run docs:config`.
import convict from 'convict';
import { registerFormats } from './formats.js';
import { listFormat, type ElementSchema } from './list.js';
import { spanSchema } from './sections/spans.js';
import { ss7LinkSchema, ss7LinksetSchema, ss7RouteSchema, ss7Schema } from './sections/ss7.js';
import { registerSipFormats, sipListenSchema, sipSchema } from './sections/sip.js';
import { registerToneFormats, tonesSchema } from './sections/tones.js';
import { mediaSchema, registerMediaFormats } from './sections/media.js';

/** Element schemas of the config's lists, by top-level key path. */
export const listSchemas: Record<string, ElementSchema> = {
  spans: spanSchema,
  'lab.spans': spanSchema,
  'sip.listen': sipListenSchema,
  'ss7.linksets': ss7LinksetSchema,
  'ss7.linksets[].links': ss7LinkSchema,
  'ss7.routes': ss7RouteSchema,
};

let formatsDone = false;
function registerListFormats(): void {
  if (formatsDone) return;
  formatsDone = true;
  registerFormats();
  convict.addFormat(listFormat('span-list', spanSchema));
  registerSipFormats();
  registerToneFormats();
  registerMediaFormats();
}

export function buildSchema(): convict.Schema<Record<string, unknown>> {
  registerListFormats();
  return {
    log: {
      level: {
        doc: 'Log level: fatal, error, warn, info, debug, trace or silent.',
        format: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
        default: 'info',
        env: 'TANDEM_LOG_LEVEL',
        arg: 'log-level',
      },
      pretty: {
        doc: 'Readable log lines instead of JSON; null means readable exactly when stdout is a TTY.',
        format: 'optional-boolean',
        default: null,
        env: 'TANDEM_LOG_PRETTY',
      },
    },
    engine: {
      realtimePriority: {
        doc: 'SCHED_FIFO priority (1-99) of the native TDM thread; 0 keeps the normal scheduler.',
        format: 'int-0-99',
        default: 0,
        env: 'TANDEM_RT_PRIORITY',
      },
      cpu: {
        doc: 'CPU the TDM thread is pinned to, or -1 for none.',
        format: 'int-cpu',
        default: -1,
      },
    },
    spans: {
      doc: 'E1 spans of the gateway, one object per span (see "spans[]" below).',
      format: 'span-list',
      default: [],
    },
    lab: {
      spans: {
        doc: 'Spans of the built-in exchange simulator (the far end), same keys as spans[].',
        format: 'span-list',
        default: [],
      },
      ss7: ss7Schema({ lab: true }),
    },
    sip: sipSchema(),
    ss7: ss7Schema(),
    tones: tonesSchema,
    media: mediaSchema,
  };
}
