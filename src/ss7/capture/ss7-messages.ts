// SS7 user-part messages found in a capture, whatever carries them: MTP2 (DLT 140, with or without
// FCS; DLT 139 with pseudo-header), MTP3 (DLT 141), M3UA over SCTP over IP (RFC 4666 and draft 6).
// Each comes out with its routing label (OPC, DPC, SLS), SIO (SI, NI) and the user part's octets.
// ISUP is SI 5 (Q.704 §14.2.1); BICC (SI 13) and everything else is returned with its SI for the caller to skip.
import { decodeMsu, networkIndicatorCode } from '../mtp3/label.js';
import { DLT, ipPacket, sctpDataChunks, sctpPacket, udpDatagram } from './ip-layers.js';
import { isupBodiesOfSip } from './sip-isup.js';
import { M3UA_PORT, M3UA_PPID, m3uaData } from './m3ua.js';
import { readSignalUnit, type FcsMode } from './mtp2-frame.js';
import type { CaptureFrame } from './pcap-file.js';

export interface Ss7Message {
  frame: number;
  time: number;
  /** What carried it. */
  transport: 'mtp2' | 'mtp3' | 'm3ua' | 'm3ua-draft6' | 'sip-i';
  si: number;
  /** Network indicator code 0-3 (Q.704 §14.2.2); absent for SIP-I. */
  ni?: number;
  /** Routing label; absent for SIP-I, which has none. */
  opc?: number;
  dpc?: number;
  sls?: number;
  /** The user part's octets (for ISUP: from the CIC on). */
  userPart: Uint8Array;
  /** SIP-I: the body had no CIC (RFC 3204 §4: it starts at the message type); `userPart` has a zero CIC put in front. */
  cicAbsent?: boolean;
  /** MTP2 FCS check, when the capture carries it. */
  fcs?: 'good' | 'bad';
}

export const SI_ISUP = 5;
export const SI_BICC = 13;

export interface ExtractOptions {
  /** MTP2 check bits in DLT 140/139 frames (default: auto-detect per frame). */
  mtp2Fcs?: FcsMode;
}

function fromMsu(frame: CaptureFrame, transport: Ss7Message['transport'], msu: Uint8Array, fcs?: 'good' | 'bad'): Ss7Message | undefined {
  const r = decodeMsu(Buffer.from(msu.buffer, msu.byteOffset, msu.byteLength));
  if (!r.ok) return undefined;
  const { sio, label, data } = r.value;
  return {
    frame: frame.frame,
    time: frame.time,
    transport,
    si: sio.si,
    ni: networkIndicatorCode(sio.ni),
    opc: label.opc,
    dpc: label.dpc,
    sls: label.sls,
    userPart: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    ...(fcs ? { fcs } : {}),
  };
}

/** Every SS7 user-part message in one captured frame, in order. A frame that cannot be read gives none. */
export function ss7MessagesOfFrame(frame: CaptureFrame, opts: ExtractOptions = {}): Ss7Message[] {
  try {
    return messagesOfFrame(frame, opts);
  } catch {
    return [];
  }
}

function messagesOfFrame(frame: CaptureFrame, opts: ExtractOptions): Ss7Message[] {
  const out: Ss7Message[] = [];
  const f = frame.data;
  if (frame.linkType === DLT.mtp2 || frame.linkType === DLT.mtp2WithPhdr) {
    const su = readSignalUnit(frame.linkType === DLT.mtp2WithPhdr ? f.subarray(4) : f, opts.mtp2Fcs ?? 'auto');
    if (su.kind === 'msu') {
      const m = fromMsu(frame, 'mtp2', su.msu, su.fcs);
      if (m) out.push(m);
    }
    return out;
  }
  if (frame.linkType === DLT.mtp3) {
    const m = fromMsu(frame, 'mtp3', f);
    if (m) out.push(m);
    return out;
  }
  const ip = ipPacket(frame.linkType, f);
  if (!ip) return out;
  const udp = udpDatagram(ip);
  if (udp) {
    // SIP-I: ISUP bodies of SIP messages over UDP (service indicator ISUP by MIME type).
    for (const body of isupBodiesOfSip(udp.data)) {
      const userPart = new Uint8Array(body.length + 2);
      userPart.set(body, 2);
      out.push({ frame: frame.frame, time: frame.time, transport: 'sip-i', si: SI_ISUP, userPart, cicAbsent: true });
    }
    return out;
  }
  const sctp = sctpPacket(ip);
  if (!sctp) return out;
  for (const chunk of sctpDataChunks(sctp)) {
    const isM3ua = chunk.ppid === M3UA_PPID || (chunk.ppid === 0 && (chunk.srcPort === M3UA_PORT || chunk.dstPort === M3UA_PORT));
    if (!isM3ua) continue;
    const p = m3uaData(chunk.data);
    if (!p) continue;
    if (p.format === 'draft6') {
      const m = fromMsu(frame, 'm3ua-draft6', p.msu);
      if (m) out.push(m);
    } else {
      out.push({
        frame: frame.frame,
        time: frame.time,
        transport: 'm3ua',
        si: p.si,
        ni: p.ni & 3,
        opc: p.opc & 0xffffff,
        dpc: p.dpc & 0xffffff,
        sls: p.sls,
        userPart: p.userData,
      });
    }
  }
  return out;
}

/** Every SS7 user-part message of a capture, in frame order. */
export function ss7Messages(frames: readonly CaptureFrame[], opts: ExtractOptions = {}): Ss7Message[] {
  return frames.flatMap((f) => ss7MessagesOfFrame(f, opts));
}
