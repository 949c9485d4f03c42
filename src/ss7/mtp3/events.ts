// MTP3 events (`mtp3.*`, logged with the `event` field and delivered to Mtp3.onEvent listeners) and
// counters (named group.event with a description, CONVENTIONS.md "Everyday habits").
// Every event carries the own point code (`pc`); link events carry the link name, its SLC, the
// linkset name and the adjacent point code.

export interface LinkRef {
  link: string;
  slc: number;
  linkset: string;
  adjacent: number;
}

export type Mtp3Event =
  | ({ event: 'mtp3.linkAligning'; emergency: boolean } & LinkRef)
  | ({ event: 'mtp3.linkInService' } & LinkRef) // MTP2 in service, link test starts
  | ({ event: 'mtp3.linkAvailable' } & LinkRef) // test passed: carries traffic
  | ({ event: 'mtp3.linkUnavailable'; reason: string } & LinkRef)
  | ({ event: 'mtp3.linkFailed'; reason: string } & LinkRef) // L2 failure / test failure while not yet available
  | ({ event: 'mtp3.sltFailed'; reason: string } & LinkRef)
  | ({ event: 'mtp3.sltMismatch'; reason: string } & LinkRef)
  | ({ event: 'mtp3.changeover'; procedure: 'COO' | 'ECO' | 'none'; retrieved: number; discarded: number; result: string } & LinkRef)
  | ({ event: 'mtp3.changeback'; code: number; moved: number; result: 'CBA' | 'timeout' | 'time-controlled' } & LinkRef)
  | ({ event: 'mtp3.congestion'; state: 'onset' | 'abatement' } & LinkRef)
  | ({ event: 'mtp3.remoteProcessorOutage'; state: 'begin' | 'end' } & LinkRef)
  | { event: 'mtp3.linksetAvailable'; linkset: string; adjacent: number }
  | { event: 'mtp3.linksetUnavailable'; linkset: string; adjacent: number }
  | { event: 'mtp3.traSent' | 'mtp3.traReceived' | 'mtp3.restartComplete'; linkset: string; adjacent: number; reason?: string }
  | { event: 'mtp3.routeAvailable' | 'mtp3.routeRestricted' | 'mtp3.routeUnavailable'; destination: number; linkset: string; via: string }
  | { event: 'mtp3.pause' | 'mtp3.resume'; destination: number }
  | { event: 'mtp3.status'; destination: number; cause: string; userPart?: number }
  | { event: 'mtp3.upuSent'; destination: number; userPart: number }
  | { event: 'mtp3.discarded'; reason: string; dpc?: number; opc?: number; si?: number }
  | { event: 'mtp3.notPermitted'; machine: string; state: string; input: string; link?: string };

export type Mtp3EventName = Mtp3Event['event'];

export type Mtp3EventListener = (e: Mtp3Event & { pc: number }) => void;

/** Counters kept by Mtp3 (global) and per link. */
export const MTP3_COUNTERS = {
  'mtp3.msuTx': 'MSUs handed to MTP2 for transmission (user traffic and management)',
  'mtp3.msuRx': 'MSUs received from MTP2',
  'mtp3.discarded': 'MSUs discarded (no route, destination inaccessible, not for this point, malformed)',
  'mtp3.changeovers': 'Changeover procedures completed (Q.704 §5)',
  'mtp3.changebacks': 'Changeback procedures completed (Q.704 §6)',
  'mtp3.retrieved': 'MSUs retrieved from a failed link and sent on another (Q.704 §5.3)',
  'mtp3.changeoverLoss': 'MSUs that could not be retrieved on changeover (emergency or time-out changeover)',
  'mtp3.sltFailures': 'Signalling link tests that failed twice (Q.707 §2.2)',
  'mtp3.upuSent': 'User part unavailable messages sent (Q.704 §2.4 distribution, §15 format)',
  'mtp3.upuReceived': 'User part unavailable messages received',
} as const;

export type Mtp3CounterName = keyof typeof MTP3_COUNTERS;

export const LINK_COUNTERS = {
  msuTx: 'MSUs sent on this link',
  msuRx: 'MSUs received on this link',
  octetsTx: 'SIO+SIF octets sent on this link',
  octetsRx: 'SIO+SIF octets received on this link',
} as const;

export type LinkCounterName = keyof typeof LINK_COUNTERS;
