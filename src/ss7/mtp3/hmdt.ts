// HMDT, message distribution (Q.704 §2.4, Figure 1/Q.704 "message distribution"): hands an MSU
// addressed to this point to the function its service indicator names: signalling network
// management (SI 0, Q.704 §15), signalling network testing and maintenance (SI 1, Q.707: SLTM/SLTA),
// or a registered user part (ISUP = 5, ...) as MTP-TRANSFER indication. An MSU for a user part that
// is not equipped here is discarded and answered with a user part unavailable message (UPU, cause
// "unequipped remote user", Q.704 §2.4, format §15) towards its originating point.

import { SI, type Msu } from './label.js';
import type { MtpUser } from './primitives.js';
import type { SignallingLink } from './signalling-link.js';
import { decodeSlt, decodeSnm, type SnmMessage } from './snm-messages.js';

export interface DistributionTargets {
  user(si: number): MtpUser | undefined;
  snm(m: SnmMessage, msu: Msu, link: SignallingLink): void;
  /** SLTM (answer it) or SLTA (check it) received on `link`. */
  slt(type: 'SLTM' | 'SLTA', pattern: Buffer, msu: Msu, link: SignallingLink): void;
  unequipped(msu: Msu): void;
  discard(reason: string, msu: Msu): void;
}

export function distribute(msu: Msu, link: SignallingLink, t: DistributionTargets): void {
  const si = msu.sio.si;
  if (si === SI.snm) {
    const d = decodeSnm(msu.data);
    if (!d.ok) t.discard(`malformed SNM message (${d.error.kind})`, msu);
    else t.snm(d.value, msu, link);
    return;
  }
  if (si === SI.sntm) {
    const d = decodeSlt(msu.data);
    if (!d.ok) t.discard(`malformed or unknown test message (${d.error.kind})`, msu);
    else t.slt(d.value.type, d.value.pattern, msu, link);
    return;
  }
  const user = t.user(si);
  if (!user) {
    t.unequipped(msu);
    return;
  }
  user.transferIndication({ opc: msu.label.opc, dpc: msu.label.dpc, sls: msu.label.sls, si, ni: msu.sio.ni, data: Buffer.from(msu.data) });
}
