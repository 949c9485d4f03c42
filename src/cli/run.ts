// Runs the CLI from TypeScript sources (tests and development: `node --import tsx src/cli/run.ts`).
import { main } from './main.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`tandem: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
