// The call (INVITE session usage, RFC 3261 §13–§15) as a table in the style of osmo_fsm: per state the
// inputs it permits and the states it may move to. The handlers in call.ts do the work; an input a state
// does not permit is logged ("event X not permitted in state Y") and answered as the RFC says.
import type { CallInputName } from './events.js';

export type CallState = 'Outgoing' | 'Incoming' | 'Early' | 'WaitAck' | 'Confirmed' | 'Terminating' | 'Terminated';

export interface CallStateSpec {
  inputs: readonly CallInputName[];
  next: readonly CallState[];
  description: string;
}

export const CALL_TABLE: Record<CallState, CallStateSpec> = {
  Outgoing: {
    description: 'UAC: INVITE sent, no provisional response with a dialog yet (§13.2.1)',
    inputs: ['SIP_RX_1XX', 'SIP_RX_2XX', 'SIP_RX_FAILURE', 'TU_HANGUP', 'TX_TIMEOUT', 'TX_TRANSPORT_ERROR'],
    next: ['Early', 'Confirmed', 'Terminating', 'Terminated'],
  },
  Incoming: {
    description: 'UAS: INVITE received, no response beyond 100 sent (§13.3.1)',
    inputs: [
      'TU_PROGRESS',
      'TU_ANSWER',
      'TU_REJECT',
      'TU_HANGUP',
      'SIP_RX_CANCEL',
      'SIP_RX_BYE',
      'INVITE_EXPIRED',
      'TX_TRANSPORT_ERROR',
    ],
    next: ['Early', 'WaitAck', 'Terminated'],
  },
  Early: {
    description: 'early dialog(s): UAC received or UAS sent a 1xx with a To tag (§12.1, §13.3.1.1)',
    inputs: [
      'SIP_RX_1XX',
      'SIP_RX_2XX',
      'SIP_RX_FAILURE',
      'TU_PROGRESS',
      'TU_ANSWER',
      'TU_REJECT',
      'TU_HANGUP',
      'SIP_RX_CANCEL',
      'SIP_RX_BYE',
      'SIP_RX_UPDATE',
      'INVITE_EXPIRED',
      'TX_TIMEOUT',
      'TX_TRANSPORT_ERROR',
    ],
    next: ['Early', 'WaitAck', 'Confirmed', 'Terminating', 'Terminated'],
  },
  WaitAck: {
    description: 'UAS: 2xx sent and retransmitted until the ACK arrives (§13.3.1.4)',
    inputs: [
      'SIP_RX_ACK',
      'NO_ACK_TIMEOUT',
      'SIP_RX_BYE',
      'TU_HANGUP',
      'SIP_RX_CANCEL',
      'SIP_RX_UPDATE',
      'SIP_RX_REINVITE',
      'TX_TRANSPORT_ERROR',
    ],
    next: ['Confirmed', 'Terminating', 'Terminated'],
  },
  Confirmed: {
    description: 'confirmed dialog: session established (§12.2)',
    inputs: [
      'SIP_RX_ACK',
      'SIP_RX_2XX',
      'SIP_RX_BYE',
      'SIP_RX_REINVITE',
      'SIP_RX_UPDATE',
      'TU_REINVITE',
      'TU_UPDATE',
      'TU_HANGUP',
      'NO_ACK_TIMEOUT',
    ],
    next: ['Terminating', 'Terminated'],
  },
  Terminating: {
    description: 'BYE (or CANCEL) sent, waiting for its final response (§15.1.1)',
    inputs: [
      'SIP_RX_1XX',
      'SIP_RX_2XX',
      'SIP_RX_FAILURE',
      'SIP_RX_BYE',
      'SIP_RX_ACK',
      'TU_HANGUP',
      'TX_TIMEOUT',
      'TX_TRANSPORT_ERROR',
    ],
    next: ['Terminated'],
  },
  Terminated: {
    description: 'the session is over; late messages are answered statelessly',
    inputs: ['SIP_RX_2XX', 'SIP_RX_ACK', 'TU_HANGUP'],
    next: [],
  },
};

export function inputPermitted(state: CallState, input: CallInputName): boolean {
  return CALL_TABLE[state].inputs.includes(input);
}

export function transitionPermitted(from: CallState, to: CallState): boolean {
  return from === to || CALL_TABLE[from].next.includes(to);
}
