// Loads the ISUP hex fixtures of test/fixtures/isup: '#' comment lines (message, direction, source),
// then the octets from the CIC on as hex.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface IsupFixture {
  file: string;
  /** Acronym from the first comment line ("# IAM: ..."). */
  acronym: string;
  direction: string;
  octets: Uint8Array;
}

export const fixtureDir = fileURLToPath(new URL('../../../fixtures/isup/', import.meta.url));

export function loadFixtures(): IsupFixture[] {
  return readdirSync(fixtureDir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((file) => {
      const lines = readFileSync(fixtureDir + file, 'utf8').split('\n');
      const comments = lines.filter((l) => l.startsWith('#'));
      const hex = lines.filter((l) => l.trim() && !l.startsWith('#')).join('').replace(/\s+/g, '');
      return {
        file,
        acronym: /^# (\w+):/.exec(comments[0] ?? '')?.[1] ?? '',
        direction: comments.find((c) => c.startsWith('# direction:'))?.slice(13) ?? '',
        octets: Uint8Array.from(Buffer.from(hex, 'hex')),
      };
    });
}
