// Generates docs/configuration.md from the convict schema (src/config/schema.ts), so the reference
// never drifts from the code. `npm run docs:config` rewrites it; a test checks it is current.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderConfigDoc } from '../src/config/doc.js';

const out = fileURLToPath(new URL('../docs/configuration.md', import.meta.url));
writeFileSync(out, renderConfigDoc());
process.stdout.write(`wrote ${out}\n`);
