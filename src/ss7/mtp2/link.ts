// The MTP level 2 <-> level 3 interface of one signalling link, as TypeScript types only.
//
// It mirrors the primitives between Q.703's functional blocks and the level 3 functions of Q.704:
// Q.703 §1.5 and Figure 3/Q.703 (LSC, TXC, RC, IAC, ...) on the level 2 side; Q.704 §3.1, Figure 2/Q.704
// (signalling link management, signalling traffic management, HMDC/HMRT) on the level 3 side. MTP3
// (src/ss7/mtp3/) is written against this interface only; the native MTP2 (native/mtp2/, exposed by a
// TS wrapper) and the in-memory FakeMtp2Link (src/ss7/mtp2/fake-link.ts) implement it.
//
// CONTRACT (docs/mtp3.md, "The level 2 interface", says the same in prose):
//  1. Commands are method calls; they never throw for protocol reasons (a command that makes no sense in
//     the link's state is ignored by level 2 as Q.703 says, and may be logged). Bad arguments may throw
//     TypeError.
//  2. Indications go to the ONE handler set with setIndicationHandler(), in the order level 2 produced
//     them (all MSUs received before a link failure are delivered before its outOfService). They are
//     NEVER delivered synchronously from inside a command call: level 3 may call commands from inside
//     its handler without re-entrancy.
//  3. An MSU is `SIO + SIF` (Q.703 §2.2: the octets between the LI octet and the CK field): the first
//     octet is the service information octet, then the routing label, then the user part's data. Level 2
//     adds BSN/BIB/FSN/FIB/LI and the FCS. Maximum 273 octets (SIO + 272 SIF octets, Q.703 §2.3.8).
//  4. transmit() sends while the link is in service. After the link left service (a failure, whether
//     or not its outOfService has reached level 3 yet, or stop()) and until level 3 calls
//     clearBuffers(), retrievalRequestAndFsnc() or start(), an MSU given to transmit() is APPENDED TO
//     THE TRANSMISSION BUFFER (not sent), so that a retrieval returns it: level 3 learns of a failure
//     only when the indication arrives and keeps sending until then; discarding those MSUs would lose
//     them. In any other state (never started, aligning) the MSU is discarded and counted.
//  5. When the link fails (outOfService) or is stopped, level 2 KEEPS its transmission buffer (MSUs not
//     yet sent) and retransmission buffer (sent, not yet positively acknowledged) until level 3 calls
//     retrievalRequestAndFsnc() or clearBuffers() (Q.703 §1.5 / Q.704 §5.3: changeover buffer updating).
//     start() after a failure clears nothing by itself: level 3 calls clearBuffers() first if it wants.
//  6. retrieveBsnt(): answered by bsnt(value) with the FSN of the last MSU level 2 accepted from the far
//     end (i.e. the BSN it would send next), 0-127, or by bsntNotRetrievable.
//  7. retrievalRequestAndFsnc(fsnc): level 2 drops from the retransmission buffer every MSU whose FSN is
//     fsnc or earlier in sequence (the far end acknowledged them: fsnc is the BSNT the far end reported in
//     its COO/COA), then delivers, IN ORDER, one retrievedMessage per remaining MSU of the retransmission
//     buffer followed by every MSU of the transmission buffer, then retrievalComplete. If fsnc is not the
//     FSN of an MSU in (or just before) the retransmission buffer, or retrieval is impossible, level 2
//     answers retrievalNotPossible instead (Q.704 §5.4 then applies: the MSUs may be lost). After
//     retrievalComplete or retrievalNotPossible the buffers are empty.
//  8. start() begins initial alignment (Q.703 §7) from "out of service"; normal proving unless
//     emergency() is in force, then emergency proving. inService follows a successful alignment;
//     outOfService('alignmentNotPossible') a failed one. After any outOfService the link stays out of
//     service until level 3 calls start() again (Q.704 §12.2 link restoration is level 3's job).
//     stop() takes the link out of service and gives NO outOfService indication (level 3 asked for it).
//  9. A peer that aligns with emergency proving (SIE) must be accepted (Q.703 §7.3).

/** Why level 2 took a link out of service (Q.703 §1.5 "link failure" causes, §7, §10, §11). */
export type Mtp2OutOfServiceReason =
  | 'alignmentNotPossible' // initial alignment failed: T2/T3 expiry, or proving aborted too often (Q.703 §7)
  | 'abnormalBsn' // two out of three BSNs out of range (Q.703 §5.3.1)
  | 'abnormalFib' // two out of three FIBs abnormal (Q.703 §5.3.2)
  | 'excessiveDelayOfAck' // T7 expired (Q.703 §5.3.1)
  | 'excessiveErrorRate' // SUERM threshold reached (Q.703 §10.2)
  | 'excessiveCongestion' // T6 expired: the far end stayed busy too long (Q.703 §9.4)
  | 'receivedSio' // link status "out of alignment" received while in service (Q.703 §1.5)
  | 'receivedSios' // link status "out of service" received while in service
  | 'receivedSinSie' // link status "normal/emergency alignment" received while in service
  | 'level1Failure'; // span alarm (LOS, LOF, AIS) or the signalling channel closed

/** Indications from level 2 to level 3 (Q.703 §1.5, Figure 3/Q.703 "to level 3"). */
export type Mtp2Indication =
  | { kind: 'inService' }
  | { kind: 'outOfService'; reason: Mtp2OutOfServiceReason }
  | { kind: 'remoteProcessorOutage' } // SIPO received (Q.703 §8)
  | { kind: 'remoteProcessorRecovered' }
  /** One MSU (SIO + SIF) received in sequence from the far end. */
  | { kind: 'received'; msu: Buffer }
  /** Answer to retrieveBsnt(): FSN of the last MSU accepted from the far end, 0-127. */
  | { kind: 'bsnt'; value: number }
  | { kind: 'bsntNotRetrievable' }
  /** Answer to retrievalRequestAndFsnc(): one not-acknowledged or not-sent MSU, oldest first. */
  | { kind: 'retrievedMessage'; msu: Buffer }
  | { kind: 'retrievalComplete' }
  | { kind: 'retrievalNotPossible' }
  /** Transmit/retransmission buffer occupancy above the onset threshold, or the far end sends SIB
   *  (Q.704 §3.8 signalling link congestion; Q.703 §9). level: 1-3 where level 2 knows it. */
  | { kind: 'congestionOnset'; level?: number }
  | { kind: 'congestionAbatement' };

export type Mtp2IndicationKind = Mtp2Indication['kind'];

/** Every indication kind, for name tables and exhaustiveness tests. */
export const MTP2_INDICATION_KINDS: readonly Mtp2IndicationKind[] = [
  'inService',
  'outOfService',
  'remoteProcessorOutage',
  'remoteProcessorRecovered',
  'received',
  'bsnt',
  'bsntNotRetrievable',
  'retrievedMessage',
  'retrievalComplete',
  'retrievalNotPossible',
  'congestionOnset',
  'congestionAbatement',
];

export type Mtp2IndicationHandler = (ind: Mtp2Indication) => void;

/** One MTP2 signalling link as level 3 sees it. Commands = Q.703 §1.5 "from level 3". */
export interface Mtp2Link {
  /** Link name for logs and events, e.g. "e1-0/16". */
  readonly name: string;

  /** Sets the single receiver of this link's indications (replaces any previous one). */
  setIndicationHandler(handler: Mtp2IndicationHandler): void;

  /** Begin initial alignment (Q.703 §7). */
  start(): void;
  /** Take the link out of service (sends SIOS); no outOfService indication follows. */
  stop(): void;
  /** Use emergency proving (Pe, T4 short) for alignments from now on (Q.703 §7.2; Q.704 §12.2.2). */
  emergency(): void;
  emergencyCeases(): void;
  /** Send one MSU (SIO + SIF, 3-273 octets). Out of service: kept for retrieval or discarded (contract 4). */
  transmit(msu: Buffer): void;
  /** Ask for the BSNT (contract 6). */
  retrieveBsnt(): void;
  /** Retrieve not-acknowledged and not-sent MSUs after FSN fsnc (0-127) (contract 7). */
  retrievalRequestAndFsnc(fsnc: number): void;
  /** Discard the transmission, retransmission and receive buffers (Q.703 §1.5 "clear buffers"). */
  clearBuffers(): void;
  /** Level 3 (this processor) cannot handle MSUs: send SIPO (Q.703 §8). */
  localProcessorOutage(): void;
  localProcessorRecovered(): void;
  /** Level 3 receive congestion on (true) / off (false): level 2 withholds acknowledgements and sends
   *  SIB while it lasts (Q.703 §9.3). */
  flowControl(receiveCongested: boolean): void;
}
