// The closed set of inputs of the call (INVITE session) state machine, classified from SIP messages
// and API calls before the machine runs (CONVENTIONS.md 6), and the events a call reports to its user.
import type { SipRequest, SipResponse } from '../message/types.js';

/** Inputs of the call machine, named by origin. */
export type CallInputName =
  | 'SIP_RX_1XX'
  | 'SIP_RX_2XX'
  | 'SIP_RX_FAILURE'
  | 'SIP_RX_ACK'
  | 'SIP_RX_BYE'
  | 'SIP_RX_CANCEL'
  | 'SIP_RX_REINVITE'
  | 'SIP_RX_UPDATE'
  | 'TU_PROGRESS'
  | 'TU_ANSWER'
  | 'TU_REJECT'
  | 'TU_HANGUP'
  | 'TU_REINVITE'
  | 'TU_UPDATE'
  | 'NO_ACK_TIMEOUT'
  | 'INVITE_EXPIRED'
  | 'TX_TIMEOUT'
  | 'TX_TRANSPORT_ERROR';

export const CALL_INPUT_NAMES: readonly CallInputName[] = [
  'SIP_RX_1XX',
  'SIP_RX_2XX',
  'SIP_RX_FAILURE',
  'SIP_RX_ACK',
  'SIP_RX_BYE',
  'SIP_RX_CANCEL',
  'SIP_RX_REINVITE',
  'SIP_RX_UPDATE',
  'TU_PROGRESS',
  'TU_ANSWER',
  'TU_REJECT',
  'TU_HANGUP',
  'TU_REINVITE',
  'TU_UPDATE',
  'NO_ACK_TIMEOUT',
  'INVITE_EXPIRED',
  'TX_TIMEOUT',
  'TX_TRANSPORT_ERROR',
];

/** Classify a response to the initial INVITE. */
export function classifyInviteResponse(res: SipResponse): 'SIP_RX_1XX' | 'SIP_RX_2XX' | 'SIP_RX_FAILURE' {
  if (res.status < 200) return 'SIP_RX_1XX';
  if (res.status < 300) return 'SIP_RX_2XX';
  return 'SIP_RX_FAILURE';
}

/** Classify a request inside (or for) a call; undefined for methods the call does not handle. */
export function classifyRequest(req: SipRequest): Extract<CallInputName, `SIP_RX_${string}`> | undefined {
  switch (req.method) {
    case 'ACK':
      return 'SIP_RX_ACK';
    case 'BYE':
      return 'SIP_RX_BYE';
    case 'CANCEL':
      return 'SIP_RX_CANCEL';
    case 'INVITE':
      return 'SIP_RX_REINVITE';
    case 'UPDATE':
      return 'SIP_RX_UPDATE';
    default:
      return undefined;
  }
}

/** Why a call ended. */
export type TerminationCause =
  | 'local-bye'
  | 'remote-bye'
  | 'cancelled'
  | 'rejected'
  | 'failed'
  | 'no-ack'
  | 'timeout'
  | 'transport-error'
  /** UAS: the INVITE's Expires passed unanswered (§13.3.1): 487 sent. */
  | 'expired';

/** A Reason header value (RFC 3326): protocol "Q.850" or "SIP", a cause and optional text. */
export interface ReasonValue {
  protocol: 'Q.850' | 'SIP';
  cause: number;
  text?: string;
}

export function formatReason(r: ReasonValue): string {
  return `${r.protocol};cause=${r.cause}${r.text !== undefined ? `;text="${r.text.replace(/["\\]/g, '')}"` : ''}`;
}

/** Events a call reports to its user (the interworking layer, a test application). */
export type CallEvent =
  /** UAC: a provisional response (> 100), with SDP when it carried one (early media). */
  | { type: 'progress'; status: number; sdp: string | undefined; response: SipResponse }
  /** UAC: the call was answered (2xx, ACK sent). */
  | { type: 'answered'; sdp: string | undefined; response: SipResponse }
  /** UAS: the ACK for our 2xx arrived; the session is established. */
  | { type: 'confirmed'; sdp: string | undefined }
  /** The peer renegotiated (re-INVITE or UPDATE) and we answered; or our re-INVITE completed. */
  | { type: 'renegotiated'; by: 'local' | 'remote'; method: 'INVITE' | 'UPDATE'; offer: string; answer: string }
  /** UAC: a final error response (or 408 on timeout, 503 on transport error). */
  | {
      type: 'failed';
      status: number;
      reasonPhrase: string;
      reason: string | undefined;
      response: SipResponse | undefined;
      /** Why a locally generated failure happened (e.g. RFC 3263 location found no server). */
      detail?: string;
    }
  /** The call is over. */
  | { type: 'terminated'; cause: TerminationCause; status: number | undefined };
