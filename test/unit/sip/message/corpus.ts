/**
 * Access to the shared torture-test corpus (../shared/corpus beside the repository, read at test time, never
 * copied). From test/unit/sip/message/ the repository root is five levels up.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const corpusDir = fileURLToPath(new URL('../../../../../shared/corpus/', import.meta.url));

export interface ManifestEntry {
  file: string;
  wire_file?: string;
  tag: string;
  section: string;
  validity: 'valid' | 'invalid' | 'valid-semantic' | 'unspecified';
  expected_response: string;
  note: string;
  sha256?: string;
  wire_sha256?: string;
}

export interface CorpusMessage extends ManifestEntry {
  set: 'rfc4475' | 'rfc5118';
  path: string;
  bytes: Buffer;
}

export function corpusAvailable(): boolean {
  return existsSync(corpusDir + 'rfc4475/manifest.json');
}

export function loadCorpus(): CorpusMessage[] {
  const m = JSON.parse(readFileSync(corpusDir + 'rfc4475/manifest.json', 'utf8')) as {
    rfc4475: { messages: ManifestEntry[] };
    rfc5118: { messages: ManifestEntry[] };
  };
  const out: CorpusMessage[] = [];
  for (const e of m.rfc4475.messages) {
    const path = corpusDir + 'rfc4475/' + e.file;
    out.push({ ...e, set: 'rfc4475', path, bytes: readFileSync(path) });
  }
  for (const e of m.rfc5118.messages) {
    const path = corpusDir + e.wire_file!;
    out.push({ ...e, set: 'rfc5118', path, bytes: readFileSync(path) });
  }
  return out;
}

/** Status codes the manifest's expected_response names (e.g. "501 … (400 acceptable)" → [501, 400]). */
export function expectedStatuses(e: ManifestEntry): number[] {
  return [...e.expected_response.matchAll(/\b([1-6]\d\d)\b/g)].map((x) => Number(x[1]));
}
