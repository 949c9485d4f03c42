// HMDC, message discrimination (Q.704 §2.4, Figure 1/Q.704 "message discrimination"): decides for
// every MSU received from level 2 whether it is addressed to this signalling point (-> HMDT,
// distribution) or not. This point has no signalling transfer point function, so an MSU for another
// DPC is discarded and counted (an STP would pass it to HMRT). MSUs with another network indicator or
// too short for a routing label are discarded too.

import { decodeMsu, type Msu } from './label.js';

export type Discrimination = { kind: 'distribute'; msu: Msu } | { kind: 'discard'; reason: string; dpc?: number; opc?: number; si?: number };

export function discriminate(octets: Buffer, ownPointCode: number, ownNi: Msu['sio']['ni']): Discrimination {
  const d = decodeMsu(octets);
  if (!d.ok) return { kind: 'discard', reason: `malformed MSU (${d.error.length} octets, label needs 5)` };
  const msu = d.value;
  const where = { dpc: msu.label.dpc, opc: msu.label.opc, si: msu.sio.si };
  if (msu.sio.ni !== ownNi) return { kind: 'discard', reason: `network indicator ${msu.sio.ni}, this point uses ${ownNi}`, ...where };
  if (msu.label.dpc !== ownPointCode) return { kind: 'discard', reason: 'DPC is not this point (no STP function)', ...where };
  return { kind: 'distribute', msu };
}
