// Locating SIP servers (RFC 3263): from a SIP or SIPS URI to an ordered list of (transport, address,
// port) targets — §4.1 transport, §4.2 port and address, §4.3 the order in which the targets are tried —
// and, for responses, §5 (a sent-by host name, when there is no received address to use). Numeric hosts
// never touch DNS. Lookups go through a SipDnsLookup (dns.ts); nothing here throws on DNS results: a URI
// that cannot be located gives { ok: false } with a reason a person can read.
import { isIP } from 'node:net';
import type { Uri, Via } from '../message/types.js';
import type { DnsResult, NaptrRecord, SipDnsLookup, SrvRecord } from './dns.js';
import { orderSrv, type Rng } from './srv-order.js';
import { TargetHealth } from './target-health.js';
import type { Destination, TransportName } from './types.js';

/** Which address records are tried first, or only (RFC 3263 §4.2 leaves A/AAAA order to the client). */
export type AddressOrder = 'ipv4-first' | 'ipv6-first' | 'ipv4-only' | 'ipv6-only';

/** One target: where to send, with the host name it came from (undefined for numeric hosts). */
export interface LocatedTarget extends Destination {
  readonly hostName: string | undefined;
}

export type LocateFailure = 'unsupported' | 'nxdomain' | 'no-records' | 'dns-failure';

export type LocateResult =
  | { readonly ok: true; readonly targets: LocatedTarget[] }
  | { readonly ok: false; readonly error: LocateFailure; readonly reason: string };

export interface LocatorOptions {
  dns: SipDnsLookup;
  /** Random source of the RFC 2782 weighted order (default Math.random). */
  rng?: Rng;
  addressOrder?: AddressOrder;
  /** Transports we can use (default all three); NAPTR services and SRV queries are filtered by it. */
  transports?: readonly TransportName[];
  /** How long a failed target is tried after the others (target-health.ts), ms; default 30000, 0: never. */
  downMs?: number;
  now?: () => number;
}

/** RFC 3263 §4.1 NAPTR services we understand: "SIP+D2U", "SIP+D2T", "SIPS+D2T" (RFC 3263 §4.1, RFC 3261 §26). */
const NAPTR_SERVICES: Readonly<Record<string, TransportName>> = {
  'SIP+D2U': 'udp',
  'SIP+D2T': 'tcp',
  'SIPS+D2T': 'tls',
};

/** §4.1: SRV services queried when there is no (usable) NAPTR, in our order of preference. */
const SRV_PREFERENCE: readonly { prefix: string; transport: TransportName }[] = [
  { prefix: '_sip._udp', transport: 'udp' },
  { prefix: '_sip._tcp', transport: 'tcp' },
  { prefix: '_sips._tcp', transport: 'tls' },
];

export function defaultPort(t: TransportName): number {
  return t === 'tls' ? 5061 : 5060;
}

function bare(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** RFC 2782 SRV owner name for a transport: _sips._tcp for TLS, else _sip._udp / _sip._tcp. */
export function srvNameFor(transport: TransportName, domain: string): string {
  return `${transport === 'tls' ? '_sips._tcp' : `_sip._${transport}`}.${domain}`;
}

function describe(r: DnsResult<unknown>, what: string): string {
  switch (r.outcome) {
    case 'nxdomain':
      return `${what}: no such domain (NXDOMAIN)`;
    case 'nodata':
      return `${what}: no records`;
    case 'failure':
      return `${what}: lookup failed (${r.code ?? 'error'})`;
    case 'ok':
      return `${what}: ok`;
  }
}

export class ServerLocator {
  private readonly rng: Rng;
  private readonly order: AddressOrder;
  private readonly transports: ReadonlySet<TransportName>;
  readonly health: TargetHealth;

  constructor(private readonly o: LocatorOptions) {
    this.health = new TargetHealth({ downMs: o.downMs ?? 30000, ...(o.now ? { now: o.now } : {}) });
    this.rng = o.rng ?? Math.random;
    this.order = o.addressOrder ?? 'ipv4-first';
    this.transports = new Set(o.transports ?? ['udp', 'tcp', 'tls']);
  }

  /**
   * A target failed (RFC 3263 §4.3 failure): later locate() results try it after the others for `downMs`,
   * or for a 503's Retry-After (seconds) when given.
   */
  reportFailure(target: Destination, retryAfterSeconds?: number): void {
    this.health.markDown(target, retryAfterSeconds !== undefined ? retryAfterSeconds * 1000 : undefined);
  }

  /** Abort outstanding lookups (shutdown): pending locate() calls end as dns-failure. */
  close(): void {
    this.o.dns.cancel?.();
  }

  /**
   * RFC 3263 §4: the ordered targets for a request to `uri`. A numeric host gives one target without DNS.
   */
  async locate(uri: Uri): Promise<LocateResult> {
    if (uri.kind !== 'sip') return fail('unsupported', `cannot locate a ${uri.kind} URI`);
    const host = bare(uri.host);
    const sips = uri.scheme === 'sips';
    const tp = uri.params.get('transport')?.toLowerCase();
    // §4.1: "If the URI specifies a transport protocol in the transport parameter, that transport protocol
    // SHOULD be used." For a SIPS URI "the client MUST use TLS" (tcp means TLS over TCP; udp is unusable).
    let explicit: TransportName | undefined;
    if (tp !== undefined) {
      if (tp === 'tls' || (sips && tp === 'tcp')) explicit = 'tls';
      else if (tp === 'udp' || tp === 'tcp') explicit = sips ? undefined : tp;
      if (explicit === undefined || !this.transports.has(explicit))
        return fail('unsupported', `transport=${tp} is not usable for ${uri.scheme}:${host}`);
    }
    // §4.1: "if no transport protocol is specified, but the TARGET is a numeric IP address, the client
    // SHOULD use UDP for a SIP URI, and TCP for a SIPS URI"; §4.2: "If the TARGET was a numeric IP address,
    // the client uses that address. If the URI also contains a port, it uses that port. If no port is
    // specified, it uses the default port for the particular transport protocol."
    if (isIP(host) !== 0) {
      const transport = explicit ?? (sips ? 'tls' : 'udp');
      return ok([{ transport, address: host, port: uri.port ?? defaultPort(transport), hostName: undefined }]);
    }
    const r = withServerName(await this.locateName(host, sips, explicit, uri.port), host);
    return r.ok ? ok(this.health.order(r.targets)) : r;
  }

  private async locateName(
    host: string,
    sips: boolean,
    explicit: TransportName | undefined,
    port: number | undefined,
  ): Promise<LocateResult> {
    // §4.1: "if no transport protocol is specified, and the TARGET is not numeric, but an explicit port is
    // provided, the client SHOULD use UDP for a SIP URI, and TCP for a SIPS URI"; §4.2: "If the TARGET was
    // not a numeric IP address, but a port is present in the URI, the client performs an A or AAAA record
    // lookup of the domain name."
    if (port !== undefined) {
      const transport = explicit ?? (sips ? 'tls' : 'udp');
      return this.byAddress(host, transport, port);
    }
    if (explicit !== undefined) {
      // §4.2: "If it was not [NAPTR processing], because a transport was specified explicitly, the client
      // performs an SRV query for that specific transport".
      const viaSrv = await this.bySrv(srvNameFor(explicit, host), explicit);
      if (viaSrv.targets.length) return ok(viaSrv.targets);
      return this.byAddress(host, explicit, defaultPort(explicit), viaSrv.notes);
    }
    const notes: string[] = [];
    // §4.1: "the client queries DNS for NAPTR records for the domain in the URI" and "MUST discard any
    // service fields that identify a resolution service whose value is not "D2X", for values of X that
    // indicate transport protocols supported by the client"; for a SIPS URI only "SIPS+D2X" records.
    const naptr = await this.o.dns.naptr(host);
    notes.push(describe(naptr, `NAPTR ${host}`));
    const usable = naptr.records
      .filter((r) => r.flags.toLowerCase() === 's')
      .map((r) => ({ r, t: NAPTR_SERVICES[r.service.toUpperCase()] }))
      .filter((x): x is { r: NaptrRecord; t: TransportName } => x.t !== undefined && this.transports.has(x.t))
      .filter((x) => !sips || x.t === 'tls')
      // RFC 3403 §4.1: lowest ORDER first, then lowest PREFERENCE.
      .sort((a, b) => a.r.order - b.r.order || a.r.preference - b.r.preference);
    if (usable.length > 0) {
      const targets: LocatedTarget[] = [];
      for (const { r, t } of usable) {
        const s = await this.bySrv(r.replacement, t);
        targets.push(...s.targets);
        notes.push(...s.notes);
      }
      if (targets.length) return ok(targets);
    }
    // §4.1: "If no NAPTR records are found, the client constructs SRV queries for those transport protocols
    // it supports, and does a query for each. Queries are done using the service identifier "_sip" for SIP
    // URIs and "_sips" for SIPS URIs."
    const wanted = SRV_PREFERENCE.filter((s) => this.transports.has(s.transport) && (!sips || s.transport === 'tls'));
    const srvs = await Promise.all(wanted.map((s) => this.bySrv(`${s.prefix}.${host}`, s.transport)));
    const fromSrv = srvs.flatMap((s) => s.targets);
    notes.push(...srvs.flatMap((s) => s.notes));
    if (fromSrv.length) return ok(fromSrv);
    // §4.1: "If no SRV records are found, the client SHOULD use TCP for a SIPS URI, and UDP for a SIP URI";
    // §4.2: "If no SRV records were found, the client performs an A or AAAA record lookup of the domain
    // name" with "the default port number of the protocol".
    const transport: TransportName = sips ? 'tls' : 'udp';
    return this.byAddress(host, transport, defaultPort(transport), notes, naptr.outcome === 'nxdomain');
  }

  /**
   * RFC 3263 §5: where a response goes when the Via's sent-by names a host (used only when there is no
   * received address). "If the sent-by field contains a domain name and a port number, the server queries
   * for A or AAAA records with that name" at that port; without a port "the server queries for SRV records
   * at that domain name using the service identifier "_sips" if the Via transport is "TLS", "_sip"
   * otherwise, and the transport from the Via" — then A/AAAA with the default port.
   */
  async locateSentBy(via: Via): Promise<LocateResult> {
    const t = via.transport.toLowerCase();
    const transport: TransportName | undefined = t === 'udp' || t === 'tcp' || t === 'tls' ? t : undefined;
    if (!transport) return fail('unsupported', `Via transport ${via.transport} is not supported`);
    const host = bare(via.host);
    if (isIP(host) !== 0)
      return ok([{ transport, address: host, port: via.port ?? defaultPort(transport), hostName: undefined }]);
    if (via.port !== undefined) return this.byAddress(host, transport, via.port);
    const s = await this.bySrv(srvNameFor(transport, host), transport);
    if (s.targets.length) return ok(s.targets);
    return this.byAddress(host, transport, defaultPort(transport), s.notes);
  }

  /** SRV lookup, RFC 2782 order, then the addresses of each target in that order (§4.3). */
  private async bySrv(name: string, transport: TransportName): Promise<{ targets: LocatedTarget[]; notes: string[] }> {
    const srv = await this.o.dns.srv(name);
    const notes = [describe(srv, `SRV ${name}`)];
    const targets: LocatedTarget[] = [];
    const ordered: SrvRecord[] = orderSrv(srv.records, this.rng);
    const addrs = await Promise.all(ordered.map((r) => this.addresses(r.name)));
    ordered.forEach((r, i) => {
      const a = addrs[i] as { list: string[]; notes: string[] };
      notes.push(...a.notes);
      for (const address of a.list) targets.push({ transport, address, port: r.port, hostName: r.name });
    });
    return { targets, notes };
  }

  private async byAddress(
    host: string,
    transport: TransportName,
    port: number,
    notes: string[] = [],
    knownNx = false,
  ): Promise<LocateResult> {
    const a = await this.addresses(host);
    if (a.list.length) return ok(a.list.map((address) => ({ transport, address, port, hostName: host })));
    const all = [...notes, ...a.notes];
    if (knownNx || a.nx) return fail('nxdomain', `${host}: no such domain (NXDOMAIN); ${all.join('; ')}`);
    if (a.failed) return fail('dns-failure', `${host}: DNS lookup failed; ${all.join('; ')}`);
    return fail('no-records', `${host}: no SIP server found; ${all.join('; ')}`);
  }

  /** A and AAAA of a name in the configured order (§4.2 leaves the choice to the client). */
  private async addresses(name: string): Promise<{ list: string[]; notes: string[]; nx: boolean; failed: boolean }> {
    const families: (4 | 6)[] =
      this.order === 'ipv4-only'
        ? [4]
        : this.order === 'ipv6-only'
          ? [6]
          : this.order === 'ipv6-first'
            ? [6, 4]
            : [4, 6];
    const rs = await Promise.all(families.map((f) => this.o.dns.addresses(name, f)));
    const notes = rs.map((r, i) => describe(r, `${families[i] === 4 ? 'A' : 'AAAA'} ${name}`));
    return {
      list: rs.flatMap((r) => r.records),
      notes,
      nx: rs.some((r) => r.outcome === 'nxdomain'),
      failed: rs.every((r) => r.outcome === 'failure'),
    };
  }
}

/**
 * RFC 5922 §4.1: TLS targets found for a SIPS/TLS URI are checked against the URI's domain (the "AUS"),
 * not the SRV target name, so a hosting provider's certificate for the domain is accepted.
 */
function withServerName(r: LocateResult, domain: string): LocateResult {
  if (!r.ok) return r;
  return ok(r.targets.map((t) => (t.transport === 'tls' ? { ...t, serverName: domain } : t)));
}

function ok(targets: LocatedTarget[]): LocateResult {
  return { ok: true, targets };
}

function fail(error: LocateFailure, reason: string): LocateResult {
  return { ok: false, error, reason };
}
