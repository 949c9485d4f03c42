/**
 * The raw header list of a message: ordered entries (name, value), one per header line. Lookups are
 * case-insensitive and accept compact forms (RFC 3261 §7.3.1, §7.3.3). For list headers (Route, Supported,
 * Allow, Reason …; see header-names.ts) `get`/`getAll` return one value per list element, split on top-level
 * commas on demand; unknown headers and WWW-Authenticate/Authorization/Date are never split.
 */
import { canonicalHeaderName, headerKey, isListHeader } from './header-names.js';
import { splitList } from './split.js';

export interface HeaderEntry {
  /** lower-case long name (lookup key) */
  readonly key: string;
  /** spelling used when serializing */
  readonly name: string;
  /** unfolded value, leading/trailing whitespace removed */
  value: string;
}

export class SipHeaders implements Iterable<HeaderEntry> {
  private readonly entries: HeaderEntry[] = [];

  constructor(init?: Iterable<readonly [string, string]>) {
    if (init) for (const [n, v] of init) this.append(n, v);
  }

  /** Append a value (name may be compact or any case). */
  append(name: string, value: string): void {
    const key = headerKey(name);
    this.entries.push({ key, name: canonicalHeaderName(key, name), value });
  }

  /** @internal fast path for the parser: key already normalised. */
  appendKeyed(key: string, name: string, value: string): void {
    this.entries.push({ key, name, value });
  }

  /** First value of the header (first list element for list headers), or undefined. */
  get(name: string): string | undefined {
    const key = headerKey(name);
    const list = isListHeader(key);
    for (const e of this.entries) {
      if (e.key !== key) continue;
      if (!list || e.value.indexOf(',') < 0) return e.value;
      const first = splitList(e.value).find((v) => v.length > 0);
      if (first !== undefined) return first;
    }
    return undefined;
  }

  /** All values of the header in order (one per list element; empty elements dropped unless the line is empty). */
  getAll(name: string): string[] {
    const key = headerKey(name);
    const list = isListHeader(key);
    const out: string[] = [];
    for (const e of this.entries) {
      if (e.key !== key) continue;
      if (!list || e.value.indexOf(',') < 0) out.push(e.value);
      else for (const v of splitList(e.value)) if (v.length > 0) out.push(v);
    }
    return out;
  }

  has(name: string): boolean {
    const key = headerKey(name);
    return this.entries.some((e) => e.key === key);
  }

  /** Replace all values of the header (at the position of the first one, else appended). */
  set(name: string, value: string | readonly string[]): void {
    const key = headerKey(name);
    const values = typeof value === 'string' ? [value] : value;
    const first = this.entries.findIndex((e) => e.key === key);
    this.remove(name);
    const newEntries = values.map((v) => ({ key, name: canonicalHeaderName(key, name), value: v }));
    if (first < 0) this.entries.push(...newEntries);
    else this.entries.splice(Math.min(first, this.entries.length), 0, ...newEntries);
  }

  /** Remove every value of the header; returns how many were removed. */
  remove(name: string): number {
    const key = headerKey(name);
    let n = 0;
    for (let i = this.entries.length - 1; i >= 0; i--) {
      if (this.entries[i]!.key === key) {
        this.entries.splice(i, 1);
        n++;
      }
    }
    return n;
  }

  /** Prepend a value before any existing value of the same header (e.g. Record-Route, §16.6). */
  prepend(name: string, value: string): void {
    const key = headerKey(name);
    const idx = this.entries.findIndex((e) => e.key === key);
    const entry = { key, name: canonicalHeaderName(key, name), value };
    if (idx < 0) this.entries.push(entry);
    else this.entries.splice(idx, 0, entry);
  }

  get size(): number {
    return this.entries.length;
  }

  clone(): SipHeaders {
    const h = new SipHeaders();
    for (const e of this.entries) h.entries.push({ ...e });
    return h;
  }

  [Symbol.iterator](): Iterator<HeaderEntry> {
    return this.entries[Symbol.iterator]();
  }
}
