// A small cache of DNS answers for server location (RFC 3263): entries expire after their TTL (RFC 1035
// §3.2.1: "the time interval ... that the resource record may be cached before it should be discarded"),
// the number of entries is bounded and the least recently used entry goes first when it is full.

export interface DnsCacheOptions {
  /** Most entries kept (least recently used evicted beyond). */
  maxEntries: number;
  /** Clock in ms (injectable for tests). */
  now?: () => number;
}

interface Entry<V> {
  value: V;
  expires: number;
}

export class DnsCache<V> {
  private readonly map = new Map<string, Entry<V>>();
  private readonly now: () => number;
  readonly counters = { 'sip.dns.cache_hits': 0, 'sip.dns.cache_misses': 0, 'sip.dns.cache_evictions': 0 };

  constructor(private readonly o: DnsCacheOptions) {
    this.now = o.now ?? Date.now;
  }

  get size(): number {
    return this.map.size;
  }

  get(key: string): V | undefined {
    const e = this.map.get(key);
    if (!e || e.expires <= this.now()) {
      if (e) this.map.delete(key);
      this.counters['sip.dns.cache_misses']++;
      return undefined;
    }
    // Map keeps insertion order: re-insert to mark as most recently used.
    this.map.delete(key);
    this.map.set(key, e);
    this.counters['sip.dns.cache_hits']++;
    return e.value;
  }

  /** Keep `value` for `ttlSeconds` (0 or less: not cached). */
  set(key: string, value: V, ttlSeconds: number): void {
    if (!(ttlSeconds > 0) || this.o.maxEntries <= 0) return;
    this.map.delete(key);
    while (this.map.size >= this.o.maxEntries) {
      const oldest = this.map.keys().next();
      if (oldest.done) break;
      this.map.delete(oldest.value);
      this.counters['sip.dns.cache_evictions']++;
    }
    this.map.set(key, { value, expires: this.now() + ttlSeconds * 1000 });
  }

  clear(): void {
    this.map.clear();
  }
}
