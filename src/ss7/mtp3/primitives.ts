// The MTP service primitives between MTP3 and its users (Q.701 §8, Q.704 §2.3 and Figure 1/Q.704):
// MTP-TRANSFER request/indication,
// MTP-PAUSE, MTP-RESUME and MTP-STATUS indications. User parts (ISUP = SI 5) register with
// Mtp3.registerUser(si, user) and only ever talk to MTP3 through these (CONVENTIONS.md 7).

import type { NetworkIndicator } from './label.js';
import type { UpuCause } from './snm-messages.js';

/** MTP-TRANSFER request: `data` is the user part's message (for ISUP: starting with the CIC). */
export interface MtpTransferRequest {
  dpc: number;
  /** Signalling link selection 0-15 (ISUP: the 4 least significant bits of the CIC, Q.764 §2.2). */
  sls: number;
  si: number;
  /** The user part's message (a Buffer or any Uint8Array, e.g. the ISUP encoder's output). */
  data: Uint8Array;
  /** Defaults to the own point code. */
  opc?: number;
  /** Defaults to the configured network indicator. */
  ni?: NetworkIndicator;
}

/** MTP-TRANSFER indication. */
export interface MtpTransferIndication {
  opc: number;
  dpc: number;
  sls: number;
  si: number;
  ni: NetworkIndicator;
  data: Buffer;
}

/** MTP-STATUS indication (Q.701 §8.1; Q.704 §11 congestion, §2.4 user part unavailable). */
export type MtpStatusIndication =
  | { affectedDpc: number; cause: 'userPartUnavailable'; userPart: number; userPartCause: UpuCause }
  | { affectedDpc: number; cause: 'signallingNetworkCongestion'; congestionLevel: number };

/** What a user part implements. Calls are made from MTP3's event processing (never re-entrantly from
 *  within the user's own transfer() call). */
export interface MtpUser {
  transferIndication(ind: MtpTransferIndication): void;
  /** MTP-PAUSE: the destination is inaccessible (Q.704 §13: route set unavailable). */
  pause(affectedDpc: number): void;
  /** MTP-RESUME: the destination is accessible again. */
  resume(affectedDpc: number): void;
  status(ind: MtpStatusIndication): void;
}

/** Why MTP3 refused or discarded a transfer request (counted as mtp3.discarded). */
export type TransferResult = 'sent' | 'queued' | 'noRoute' | 'inaccessible' | 'invalid';
