// MTP2 signal units in captures (Q.703 §2.2, Figure 3): BSN/BIB, FSN/FIB, LI (6 bits) + 2 spare,
// then SIO and SIF for an MSU, optionally followed by the 16-bit check bits (FCS, Q.703 §4.2:
// CRC-CCITT as in ISO 3309/X.25, sent least significant octet first). DLT 139 adds a 4-octet
// pseudo-header (sent, Annex A used, link number) before the signal unit.

/** CRC-16/X.25 (Q.703 §4.2 check bits) over `data`. */
export function mtp2Fcs(data: Uint8Array): number {
  let crc = 0xffff;
  for (const b of data) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0x8408 : crc >>> 1;
  }
  return ~crc & 0xffff;
}

export type FcsMode = 'auto' | 'present' | 'absent';

export type SignalUnit =
  | { kind: 'msu'; msu: Uint8Array; li: number; fcs?: 'good' | 'bad' }
  | { kind: 'fisu' | 'lssu'; li: number }
  | { kind: 'invalid'; reason: string };

/** Reads one signal unit. In 'auto' mode the FCS is taken as present when the length indicator or the CRC says so. */
export function readSignalUnit(frame: Uint8Array, fcs: FcsMode = 'auto'): SignalUnit {
  if (frame.length < 3) return { kind: 'invalid', reason: 'shorter than BSN, FSN and LI' };
  const li = (frame[2] as number) & 0x3f;
  let hasFcs: boolean;
  if (fcs === 'present') hasFcs = true;
  else if (fcs === 'absent') hasFcs = false;
  else if (li < 63 && frame.length === 3 + li + 2) hasFcs = true;
  else if (li < 63 && frame.length === 3 + li) hasFcs = false;
  else hasFcs = frame.length >= 5 && fcsMatches(frame);
  const end = hasFcs ? frame.length - 2 : frame.length;
  if (end < 3) return { kind: 'invalid', reason: 'shorter than its FCS' };
  const n = end - 3;
  if (li === 0) return { kind: 'fisu', li };
  if (li <= 2) return { kind: 'lssu', li };
  // Q.703 §2.3.3: LI = 63 for an MSU of 62 octets or more of SIO+SIF.
  if ((li < 63 && n !== li) || (li === 63 && n < 62)) return { kind: 'invalid', reason: `length indicator ${li} for ${n} octet(s)` };
  return { kind: 'msu', li, msu: frame.subarray(3, end), fcs: hasFcs ? (fcsMatches(frame) ? 'good' : 'bad') : undefined };
}

function fcsMatches(frame: Uint8Array): boolean {
  const n = frame.length - 2;
  const got = (frame[n] as number) | ((frame[n + 1] as number) << 8);
  return mtp2Fcs(frame.subarray(0, n)) === got;
}
