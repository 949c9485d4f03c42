// Types a call shares with its user agent and application (call.ts): the host interface, the offer
// handler, response options, and how SDP is found in a message body.
import type { Logger } from '../../log/logger.js';
import type { NameAddr, SipRequest, SipResponse } from '../message/types.js';
import type { TransactionManager } from '../transaction/manager.js';
import type { TimerService } from '../transaction/clock.js';
import type { BaseTimers } from '../transaction/timers.js';
import type { SipTransportApi, TransportName } from '../transport/types.js';
import type { ReasonValue } from './events.js';
import type { Call } from './call.js';

/** What a call needs from its user agent. */
export interface CallHost {
  readonly txm: TransactionManager;
  readonly transport: SipTransportApi;
  readonly clock: TimerService;
  readonly base: BaseTimers;
  readonly log: Logger;
  contact(transport: TransportName): NameAddr;
  /** Allow, Supported, User-Agent for dialog-creating responses and requests. */
  capabilityHeaders(): [string, string][];
  registerDialog(key: string, call: Call): void;
  unregisterDialog(key: string): void;
  callEnded(call: Call): void;
}

/** The application's answer to a remote offer: an SDP answer, or a status to refuse it with (488, 491...). */
export type OfferAnswer = { sdp: string } | { reject: number };
export type OfferHandler = (offer: string, method: 'INVITE' | 'UPDATE') => OfferAnswer;

export interface ResponseExtras {
  sdp?: string;
  headers?: ReadonlyArray<readonly [string, string]>;
}

export interface RejectOptions {
  reasonPhrase?: string;
  /** Reason header (RFC 3326), e.g. { protocol: 'Q.850', cause: 17 }. */
  reason?: ReasonValue;
  headers?: ReadonlyArray<readonly [string, string]>;
}

export const SDP_TYPE = 'application/sdp';

export function sdpOf(msg: SipRequest | SipResponse): string | undefined {
  if (msg.body.length === 0) return undefined;
  const ct = msg.headers.get('content-type');
  if (ct && !ct.toLowerCase().startsWith(SDP_TYPE)) return undefined;
  return msg.body.toString('utf8');
}
