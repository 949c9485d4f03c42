// Via processing at the transport layer: stamping received/rport on requests we receive (RFC 3261
// §18.2.1, RFC 3581 §4), where a response goes (§18.2.2, RFC 3581 §4) and the sent-by we write into
// requests we send (§18.1.1).
import type { SipRequest, SipResponse, Uri } from '../message/types.js';
import type { Destination, Flow, TransportName } from './types.js';

function bare(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** Host as it appears in a Via or URI: IPv6 in brackets. */
export function viaHost(address: string): string {
  return address.includes(':') && !address.startsWith('[') ? `[${address}]` : address;
}

/**
 * §18.2.1: "When the server transport receives a request over any transport, it MUST examine the value
 * of the "sent-by" parameter in the top Via header field value. If the host portion of the "sent-by"
 * parameter contains a domain name, or if it contains an IP address that differs from the packet source
 * address, the server MUST add a "received" parameter to that Via header field value."
 * RFC 3581 §4: "When a server compliant to this specification ... receives a request, it examines the
 * topmost Via header field value. If this Via header field value contains an "rport" parameter with no
 * value, it MUST set the value of the parameter to the source port of the request. ... [and] MUST add a
 * "received" parameter".
 */
export function stampReceived(req: SipRequest, flow: Flow): void {
  const top = req.via[0];
  if (!top) return;
  if (top.rport === null) {
    top.rport = flow.remotePort;
    top.received = flow.remoteAddress;
  } else if (bare(top.host).toLowerCase() !== flow.remoteAddress.toLowerCase()) {
    top.received = flow.remoteAddress;
  }
}

/**
 * Where a response over an unreliable transport goes (§18.2.2): "if the Via header field value contains
 * a "received" parameter, the response MUST be sent to the address in the "received" parameter, using
 * the port indicated in the "sent-by" value, or using port 5060 if none is specified explicitly" and,
 * RFC 3581 §4, to the port in "rport" when it has a value. (maddr is not supported.)
 */
export function responseDestination(res: SipResponse, flow: Flow): Destination {
  const top = res.via[0];
  if (!top) return { transport: flow.transport, address: flow.remoteAddress, port: flow.remotePort };
  const address = top.received ?? bare(top.host);
  const port = typeof top.rport === 'number' ? top.rport : (top.port ?? (flow.transport === 'tls' ? 5061 : 5060));
  return { transport: flow.transport, address, port };
}

/** §18.1.1: fill the top Via's transport and sent-by with the listener the request leaves from. */
export function stampSentBy(req: SipRequest, transport: TransportName, host: string, port: number): void {
  const top = req.via[0];
  if (!top) return;
  top.transport = transport.toUpperCase();
  top.host = viaHost(host);
  top.port = port;
}

function isIp(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':');
}

/**
 * Next hop of a request for a URI (RFC 3263 reduced to numeric hosts: transport parameter, sips → TLS,
 * default ports 5060/5061). Undefined for a host name (DNS is not resolved here) or a non-SIP URI.
 */
export function destinationForUri(uri: Uri): Destination | undefined {
  if (uri.kind !== 'sip') return undefined;
  const host = bare(uri.host);
  if (!isIp(host)) return undefined;
  const tp = uri.params.get('transport')?.toLowerCase();
  const transport: TransportName = uri.scheme === 'sips' || tp === 'tls' ? 'tls' : tp === 'tcp' ? 'tcp' : 'udp';
  return { transport, address: host, port: uri.port ?? (transport === 'tls' ? 5061 : 5060) };
}
