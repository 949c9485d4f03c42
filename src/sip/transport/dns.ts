// DNS lookups for SIP server location (RFC 3263): NAPTR (RFC 3403), SRV (RFC 2782), A and AAAA through
// node:dns/promises' Resolver (c-ares) with configurable servers, behind a bounded TTL cache
// (dns-cache.ts). A/AAAA are cached for their own TTL; Node's API gives no TTL for NAPTR and SRV, so those
// are kept for `recordTtlSeconds`. Negative answers (NXDOMAIN, NODATA) are cached for `negativeTtlSeconds`
// (RFC 2308 §5 negative caching; the SOA minimum is not visible through the API). Failures (timeout,
// SERVFAIL, refused) are never cached. Lookups never throw: they return a typed result.
import { Resolver } from 'node:dns/promises';
import { DnsCache } from './dns-cache.js';

export interface NaptrRecord {
  order: number;
  preference: number;
  flags: string;
  service: string;
  regexp: string;
  replacement: string;
}

export interface SrvRecord {
  priority: number;
  weight: number;
  port: number;
  /** Target host name ("." means the service is decidedly not available, RFC 2782). */
  name: string;
}

/** Why a lookup found nothing: no such name, no records of that type, or the lookup failed. */
export type DnsOutcome = 'ok' | 'nxdomain' | 'nodata' | 'failure';

export interface DnsResult<T> {
  outcome: DnsOutcome;
  records: T[];
  /** For failures: the resolver's error code (ETIMEOUT, ESERVFAIL, ECONNREFUSED, ...). */
  code?: string;
}

/** What server location needs from DNS (tests can supply a table-driven fake). */
export interface SipDnsLookup {
  naptr(name: string): Promise<DnsResult<NaptrRecord>>;
  srv(name: string): Promise<DnsResult<SrvRecord>>;
  /** A (family 4) or AAAA (family 6) addresses of a name. */
  addresses(name: string, family: 4 | 6): Promise<DnsResult<string>>;
  /** Abort outstanding queries (they end as failures with ECANCELLED). */
  cancel?(): void;
}

export interface SipDnsOptions {
  /** DNS servers ("1.2.3.4", "1.2.3.4:5353", "[::1]:53"); empty: the system's (/etc/resolv.conf). */
  servers: string[];
  /** Per-try timeout of a query, ms (c-ares). */
  timeoutMs: number;
  /** Tries per server (c-ares). */
  tries: number;
  /** Most cached answers. */
  cacheSize: number;
  /** How long NAPTR and SRV answers are cached (their TTL is not exposed by Node), seconds. */
  recordTtlSeconds: number;
  /** How long NXDOMAIN/NODATA answers are cached, seconds. */
  negativeTtlSeconds: number;
  /** Clock for the cache (tests). */
  now?: () => number;
}

export const DEFAULT_DNS_OPTIONS: SipDnsOptions = {
  servers: [],
  timeoutMs: 2000,
  tries: 2,
  cacheSize: 1000,
  recordTtlSeconds: 60,
  negativeTtlSeconds: 30,
};

function codeOf(err: unknown): string {
  const c = (err as { code?: unknown } | null)?.code;
  return typeof c === 'string' ? c : 'EUNKNOWN';
}

/** The real lookups: c-ares via node:dns/promises, cached. */
export class NodeSipDns implements SipDnsLookup {
  readonly resolver: Resolver;
  private readonly cache: DnsCache<DnsResult<unknown>>;
  private cancelled = false;
  readonly counters = { 'sip.dns.queries': 0, 'sip.dns.failures': 0 };

  constructor(private readonly o: SipDnsOptions = DEFAULT_DNS_OPTIONS) {
    this.resolver = new Resolver({ timeout: o.timeoutMs, tries: o.tries });
    if (o.servers.length > 0) this.resolver.setServers(o.servers);
    this.cache = new DnsCache({ maxEntries: o.cacheSize, ...(o.now ? { now: o.now } : {}) });
  }

  get cacheCounters(): DnsCache<unknown>['counters'] {
    return this.cache.counters;
  }

  /** Run one query through the cache. `query` returns the records and their TTL (undefined: recordTtl). */
  private async cached<T>(key: string, query: () => Promise<{ records: T[]; ttl?: number }>): Promise<DnsResult<T>> {
    const hit = this.cache.get(key) as DnsResult<T> | undefined;
    if (hit) return hit;
    if (this.cancelled) return { outcome: 'failure', records: [], code: 'ECANCELLED' };
    this.counters['sip.dns.queries']++;
    try {
      const { records, ttl } = await query();
      const r: DnsResult<T> = { outcome: records.length ? 'ok' : 'nodata', records };
      this.cache.set(key, r, records.length ? (ttl ?? this.o.recordTtlSeconds) : this.o.negativeTtlSeconds);
      return r;
    } catch (err) {
      const code = codeOf(err);
      // c-ares: ENOTFOUND is NXDOMAIN, ENODATA is a name without records of the type.
      if (code === 'ENOTFOUND' || code === 'ENODATA') {
        const r: DnsResult<T> = { outcome: code === 'ENOTFOUND' ? 'nxdomain' : 'nodata', records: [] };
        this.cache.set(key, r, this.o.negativeTtlSeconds);
        return r;
      }
      this.counters['sip.dns.failures']++;
      return { outcome: 'failure', records: [], code };
    }
  }

  naptr(name: string): Promise<DnsResult<NaptrRecord>> {
    return this.cached(`NAPTR ${name.toLowerCase()}`, async () => ({
      records: await this.resolver.resolveNaptr(name),
    }));
  }

  srv(name: string): Promise<DnsResult<SrvRecord>> {
    return this.cached(`SRV ${name.toLowerCase()}`, async () => ({ records: await this.resolver.resolveSrv(name) }));
  }

  addresses(name: string, family: 4 | 6): Promise<DnsResult<string>> {
    return this.cached(`${family === 4 ? 'A' : 'AAAA'} ${name.toLowerCase()}`, async () => {
      const rs =
        family === 4
          ? await this.resolver.resolve4(name, { ttl: true })
          : await this.resolver.resolve6(name, { ttl: true });
      return { records: rs.map((r) => r.address), ttl: rs.length ? Math.min(...rs.map((r) => r.ttl)) : undefined };
    });
  }

  /** Shutdown: abort outstanding queries and refuse new ones (ECANCELLED). */
  cancel(): void {
    this.cancelled = true;
    this.resolver.cancel();
  }
}
