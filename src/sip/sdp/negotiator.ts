/**
 * SDP offer/answer negotiator (RFC 3264), an object of its own as pjmedia's sdp_neg: it holds the local
 * capabilities (G.711 A-law/µ-law and RFC 4733 telephone-event), the state of the exchange, the last local
 * and remote descriptions, and the negotiated audio stream. One audio stream is used; other streams are
 * refused with port 0 (RFC 3264 §6). Errors are typed (488 + Warning, 491 on glare), never thrown.
 *
 * States and the events allowed in each are a table (TRANSITIONS); anything else is an 'invalid-state' error.
 */
import { randomInt } from 'node:crypto';
import type { Result } from '../message/types.js';
import type { Direction, MediaDescription, SessionDescription, Attribute } from './types.js';
import { sdpError, type SdpError } from './errors.js';
import { parseSdp } from './parse.js';
import { serializeSdp } from './serialize.js';
import {
  answerDirection, connectionOf, direction, fmtp, formatEventList, isNullAddress, localDirectionFromAnswer,
  parseEventList, ptime, rtpMap,
} from './media.js';

export type Codec = 'PCMA' | 'PCMU';

/** RFC 3551 static payload types of the codecs Tandem offers. */
export const CODEC_PT: Readonly<Record<Codec, number>> = { PCMU: 0, PCMA: 8 };

export interface LocalMediaConfig {
  /** RTP address put in c= and o= */
  address: string;
  /** RTP port */
  port: number;
  /** codecs in preference order; default PCMA, PCMU */
  codecs?: readonly Codec[];
  /** RFC 4733 telephone-event: payload type we offer (default 101) and events (default "0-15"); false to disable */
  telephoneEvent?: { payloadType?: number; events?: string } | false;
  /** packetisation time we ask for (a=ptime, RFC 8866 §6.4); default 20 ms */
  ptime?: number;
  /** o= username; default "tandem" */
  username?: string;
  /** s= text; default "tandem" */
  sessionName?: string;
  /** o= session id; default random */
  sessionId?: string;
}

export interface NegotiatedAudio {
  /** index of the audio m-line */
  mediaIndex: number;
  codec: {
    name: Codec;
    clockRate: 8000;
    /** payload type to send with (the peer's number) */
    sendPayloadType: number;
    /** payload type we receive (the number in our SDP) */
    receivePayloadType: number;
  };
  telephoneEvent: { sendPayloadType: number; receivePayloadType: number; events: string } | undefined;
  /** where RTP goes; address 0.0.0.0 (old-style hold) means do not send */
  remote: { address: string; port: number; addrType: string };
  local: { address: string; port: number };
  /** ptime we send with: the peer's a=ptime if any, else ours */
  ptime: number;
  remotePtime: number | undefined;
  /** direction from our side (RFC 3264 §6.1) */
  direction: Direction;
}

export type NegotiatorState = 'idle' | 'local-offer' | 'remote-offer' | 'done';
export type NegotiatorEvent = 'createOffer' | 'receiveOffer' | 'createAnswer' | 'receiveAnswer' | 'cancelOffer';

/** Allowed events per state and the state they lead to ('back' = done if something was negotiated, else idle). */
export const TRANSITIONS: Readonly<Record<NegotiatorState, Partial<Record<NegotiatorEvent, NegotiatorState | 'back'>>>> = {
  idle: { createOffer: 'local-offer', receiveOffer: 'remote-offer' },
  'local-offer': { receiveAnswer: 'done', cancelOffer: 'back' },
  'remote-offer': { createAnswer: 'done', cancelOffer: 'back' },
  done: { createOffer: 'local-offer', receiveOffer: 'remote-offer' },
};

interface AnswerPlan {
  offer: SessionDescription;
  audioIndex: number;
  codec: Codec;
  codecPt: number;
  te: { pt: number; events: string } | undefined;
  offeredDirection: Direction;
  remotePtime: number | undefined;
}

function fail(kind: SdpError['kind'], reason: string, status?: number): Result<never, SdpError> {
  return { ok: false, error: sdpError(kind, reason, undefined, status) };
}

function isAudioRtp(m: MediaDescription): boolean {
  return m.type.toLowerCase() === 'audio' && m.proto.toUpperCase() === 'RTP/AVP';
}

function withoutOrigin(sd: SessionDescription): string {
  return serializeSdp({ ...sd, origin: { ...sd.origin, sessionVersion: '0' } });
}

export class SdpNegotiator {
  private st: NegotiatorState = 'idle';
  private readonly cfg: Required<Omit<LocalMediaConfig, 'telephoneEvent'>> & { te: { pt: number; events: string } | undefined };
  private lastLocal: SessionDescription | undefined;
  private lastRemote: SessionDescription | undefined;
  private pendingLocalOffer: SessionDescription | undefined;
  private plan: AnswerPlan | undefined;
  private negotiated: NegotiatedAudio | undefined;
  private holdWanted = false;
  private version: bigint | undefined;
  /** an offer of ours was abandoned: the next description gets a new version even if unchanged */
  private bump = false;

  constructor(config: LocalMediaConfig) {
    const te = config.telephoneEvent === false ? undefined : { pt: config.telephoneEvent?.payloadType ?? 101, events: config.telephoneEvent?.events ?? '0-15' };
    this.cfg = {
      address: config.address,
      port: config.port,
      codecs: config.codecs && config.codecs.length ? config.codecs : ['PCMA', 'PCMU'],
      ptime: config.ptime ?? 20,
      username: config.username ?? 'tandem',
      sessionName: config.sessionName ?? 'tandem',
      sessionId: config.sessionId !== undefined && /^\d{1,18}$/.test(config.sessionId) ? config.sessionId : String(randomInt(1, 2 ** 47)),
      te,
    };
  }

  get state(): NegotiatorState {
    return this.st;
  }

  /** The negotiated audio stream (after an answer was created or received). */
  get active(): NegotiatedAudio | undefined {
    return this.negotiated;
  }

  get localDescription(): SessionDescription | undefined {
    return this.lastLocal;
  }

  get remoteDescription(): SessionDescription | undefined {
    return this.lastRemote;
  }

  /** Put the stream on hold (RFC 3264 §8.4): the next offer or answer says sendonly (inactive if we were recvonly). */
  hold(): void {
    this.holdWanted = true;
  }

  /** Take the stream off hold: the next offer or answer says sendrecv. */
  resume(): void {
    this.holdWanted = false;
  }

  get onHold(): boolean {
    return this.holdWanted;
  }

  private step(ev: NegotiatorEvent): Result<NegotiatorState, SdpError> {
    const next = TRANSITIONS[this.st][ev];
    if (next === undefined) {
      const glare = ev === 'receiveOffer' && this.st === 'local-offer';
      // RFC 3261 §14.2: an offer while ours is pending is glare, answered 491 Request Pending
      return fail('invalid-state', `event ${ev} not permitted in state ${this.st}`, glare ? 491 : undefined);
    }
    return { ok: true, value: next === 'back' ? (this.negotiated ? 'done' : 'idle') : next };
  }

  private get addrType(): 'IP4' | 'IP6' {
    return this.cfg.address.includes(':') ? 'IP6' : 'IP4';
  }

  private wantedDirection(): Direction {
    if (!this.holdWanted) return 'sendrecv';
    // §8.4: a stream that was recvonly becomes inactive when we hold it
    return this.negotiated?.direction === 'recvonly' || this.negotiated?.direction === 'inactive' ? 'inactive' : 'sendonly';
  }

  private audioSection(formats: Array<{ pt: number; codec: Codec }>, te: { pt: number; events: string } | undefined, dir: Direction): MediaDescription {
    const attributes: Attribute[] = [];
    for (const f of formats) attributes.push({ name: 'rtpmap', value: `${f.pt} ${f.codec}/8000` });
    if (te) {
      attributes.push({ name: 'rtpmap', value: `${te.pt} telephone-event/8000` });
      attributes.push({ name: 'fmtp', value: `${te.pt} ${te.events}` });
    }
    attributes.push({ name: 'ptime', value: String(this.cfg.ptime) });
    attributes.push({ name: dir, value: undefined });
    return {
      type: 'audio',
      port: this.cfg.port,
      proto: 'RTP/AVP',
      formats: [...formats.map((f) => String(f.pt)), ...(te ? [String(te.pt)] : [])],
      connections: [],
      bandwidths: [],
      attributes,
    };
  }

  /** Wrap media sections in a session description with our o=/c=; o= version increments when content changes. */
  private session(media: MediaDescription[]): SessionDescription {
    const sd: SessionDescription = {
      version: 0,
      origin: { username: this.cfg.username, sessionId: this.cfg.sessionId, sessionVersion: '0', netType: 'IN', addrType: this.addrType, address: this.cfg.address },
      sessionName: this.cfg.sessionName,
      emails: [],
      phones: [],
      connection: { netType: 'IN', addrType: this.addrType, address: this.cfg.address },
      bandwidths: [],
      timings: [{ start: '0', stop: '0', repeats: [] }],
      attributes: [],
      media,
    };
    // RFC 3264 §8: the version is incremented by one when the description changes, kept when it does not
    if (this.version === undefined) this.version = BigInt(this.cfg.sessionId);
    else if (this.bump || !this.lastLocal || withoutOrigin(this.lastLocal) !== withoutOrigin(sd)) this.version += 1n;
    this.bump = false;
    sd.origin.sessionVersion = this.version.toString();
    return sd;
  }

  /** Create an offer (initial, or a re-offer keeping the m-line layout: RFC 3264 §8). */
  createOffer(): Result<SessionDescription, SdpError> {
    const s = this.step('createOffer');
    if (!s.ok) return s;
    const formats = this.cfg.codecs.map((c) => ({ pt: CODEC_PT[c], codec: c }));
    const audio = this.audioSection(formats, this.cfg.te, this.wantedDirection());
    let media: MediaDescription[] = [audio];
    const prev = this.lastLocal;
    if (prev && this.negotiated) {
      // keep every previous m-line; streams other than ours stay rejected (port 0)
      media = prev.media.map((m, i) => (i === this.negotiated!.mediaIndex ? audio : { ...m, port: 0, attributes: [], connections: [], bandwidths: [] }));
    }
    const sd = this.session(media);
    this.lastLocal = sd;
    this.pendingLocalOffer = sd;
    this.st = s.value;
    return { ok: true, value: sd };
  }

  /** Take a remote offer; checks it can be answered (a common codec exists) before any provisional answer. */
  receiveOffer(input: SessionDescription | Buffer | string): Result<void, SdpError> {
    const s = this.step('receiveOffer');
    if (!s.ok) return s;
    let offer: SessionDescription;
    if (typeof input === 'string' || Buffer.isBuffer(input)) {
      const p = parseSdp(input);
      if (!p.ok) return p;
      offer = p.value;
    } else offer = input;
    if (this.lastRemote && this.negotiated && offer.media.length < this.lastRemote.media.length) {
      return fail('bad-offer', `re-offer has ${offer.media.length} m-lines, fewer than the ${this.lastRemote.media.length} before (RFC 3264 §8)`);
    }
    const plan = this.planAnswer(offer);
    if (!plan.ok) return plan;
    this.plan = plan.value;
    this.st = s.value;
    return { ok: true, value: undefined };
  }

  private planAnswer(offer: SessionDescription): Result<AnswerPlan, SdpError> {
    const ourTe = this.cfg.te;
    for (let i = 0; i < offer.media.length; i++) {
      const m = offer.media[i]!;
      if (m.port === 0 || !isAudioRtp(m)) continue;
      // RFC 3264 §6.1: keep the offerer's payload type numbers; take the first offered codec we support
      let chosen: { codec: Codec; pt: number } | undefined;
      let te: { pt: number; events: string } | undefined;
      for (const f of m.formats) {
        const pt = Number(f);
        const map = rtpMap(m, pt);
        if (!map || map.clockRate !== 8000 || (map.channels !== undefined && map.channels !== 1)) continue;
        const enc = map.encoding.toUpperCase();
        if (!chosen && (enc === 'PCMA' || enc === 'PCMU') && this.cfg.codecs.includes(enc)) chosen = { codec: enc, pt };
        if (!te && ourTe && enc === 'TELEPHONE-EVENT') {
          const offered = parseEventList(fmtp(m, pt));
          const ours = parseEventList(ourTe.events);
          if (offered && ours) {
            const common = new Set([...offered].filter((e) => ours.has(e)));
            if (common.size) te = { pt, events: formatEventList(common) };
          }
        }
      }
      if (!chosen) continue;
      let offeredDirection = direction(offer, m);
      if (isNullAddress(connectionOf(offer, m))) {
        // RFC 3264 §8.4 / RFC 2543 hold: the offerer will not receive
        offeredDirection = offeredDirection === 'sendrecv' || offeredDirection === 'sendonly' ? 'sendonly' : 'inactive';
      }
      return { ok: true, value: { offer, audioIndex: i, codec: chosen.codec, codecPt: chosen.pt, te, offeredDirection, remotePtime: ptime(m) } };
    }
    return fail('no-common-codec', `no audio stream offers ${this.cfg.codecs.join(' or ')} over RTP/AVP at 8000 Hz`);
  }

  /** Create the answer to the pending remote offer (RFC 3264 §6). */
  createAnswer(): Result<SessionDescription, SdpError> {
    const s = this.step('createAnswer');
    if (!s.ok) return s;
    const plan = this.plan!;
    const dir = answerDirection(plan.offeredDirection, this.holdWanted ? 'sendonly' : 'sendrecv');
    const media = plan.offer.media.map((m, i) =>
      i === plan.audioIndex
        ? this.audioSection([{ pt: plan.codecPt, codec: plan.codec }], plan.te, dir)
        : // §6: a refused stream keeps its media type and formats, with port 0
          { type: m.type, port: 0, proto: m.proto, formats: m.formats, connections: [], bandwidths: [], attributes: [] },
    );
    const sd = this.session(media);
    const m = plan.offer.media[plan.audioIndex]!;
    const conn = connectionOf(plan.offer, m)!;
    this.negotiated = {
      mediaIndex: plan.audioIndex,
      codec: { name: plan.codec, clockRate: 8000, sendPayloadType: plan.codecPt, receivePayloadType: plan.codecPt },
      telephoneEvent: plan.te ? { sendPayloadType: plan.te.pt, receivePayloadType: plan.te.pt, events: plan.te.events } : undefined,
      remote: { address: conn.address, port: m.port, addrType: conn.addrType },
      local: { address: this.cfg.address, port: this.cfg.port },
      ptime: plan.remotePtime ?? this.cfg.ptime,
      remotePtime: plan.remotePtime,
      direction: dir,
    };
    this.lastLocal = sd;
    this.lastRemote = plan.offer;
    this.plan = undefined;
    this.st = s.value;
    return { ok: true, value: sd };
  }

  /** Apply the peer's answer to our pending offer (RFC 3264 §7). */
  receiveAnswer(input: SessionDescription | Buffer | string): Result<NegotiatedAudio, SdpError> {
    const s = this.step('receiveAnswer');
    if (!s.ok) return s;
    let answer: SessionDescription;
    if (typeof input === 'string' || Buffer.isBuffer(input)) {
      const p = parseSdp(input);
      if (!p.ok) return p;
      answer = p.value;
    } else answer = input;
    const offer = this.pendingLocalOffer!;
    if (answer.media.length !== offer.media.length) {
      return fail('bad-answer', `answer has ${answer.media.length} m-lines for ${offer.media.length} offered (RFC 3264 §6)`);
    }
    const idx = offer.media.findIndex((m) => m.port !== 0 && isAudioRtp(m));
    const om = offer.media[idx]!;
    const am = answer.media[idx]!;
    if (am.port === 0) return fail('no-common-codec', 'the audio stream was refused (port 0)');
    if (!isAudioRtp(am)) return fail('bad-answer', `answer stream ${idx} is ${am.type} ${am.proto}`);
    let chosen: { codec: Codec; send: number; recv: number } | undefined;
    let te: NegotiatedAudio['telephoneEvent'];
    for (const f of am.formats) {
      const pt = Number(f);
      const map = rtpMap(am, pt);
      if (!map) continue;
      const enc = map.encoding.toUpperCase();
      if (!chosen && (enc === 'PCMA' || enc === 'PCMU') && this.cfg.codecs.includes(enc) && map.clockRate === 8000) {
        chosen = { codec: enc, send: pt, recv: CODEC_PT[enc] };
      }
      if (!te && this.cfg.te && enc === 'TELEPHONE-EVENT') {
        const events = parseEventList(fmtp(am, pt));
        te = { sendPayloadType: pt, receivePayloadType: this.cfg.te.pt, events: events ? formatEventList(events) : this.cfg.te.events };
      }
    }
    if (!chosen) return fail('no-common-codec', `answer lists no codec of the offer (${am.formats.join(' ')})`);
    const conn = connectionOf(answer, am);
    if (!conn) return fail('bad-answer', 'answer audio stream has no connection address');
    let answered = direction(answer, am);
    if (isNullAddress(conn)) answered = answered === 'sendrecv' || answered === 'sendonly' ? 'sendonly' : 'inactive';
    const remotePtime = ptime(am);
    this.negotiated = {
      mediaIndex: idx,
      codec: { name: chosen.codec, clockRate: 8000, sendPayloadType: chosen.send, receivePayloadType: chosen.recv },
      telephoneEvent: te,
      remote: { address: conn.address, port: am.port, addrType: conn.addrType },
      local: { address: this.cfg.address, port: this.cfg.port },
      ptime: remotePtime ?? this.cfg.ptime,
      remotePtime,
      direction: localDirectionFromAnswer(direction(offer, om), answered),
    };
    this.lastRemote = answer;
    this.pendingLocalOffer = undefined;
    this.st = s.value;
    return { ok: true, value: this.negotiated };
  }

  /**
   * Abandon the pending offer (ours refused or timed out, e.g. re-INVITE answered 488/491; or a remote offer we
   * refuse): the previous negotiation, if any, stays in force.
   */
  cancelOffer(): Result<NegotiatorState, SdpError> {
    const s = this.step('cancelOffer');
    if (!s.ok) return s;
    if (this.pendingLocalOffer) this.bump = true;
    this.pendingLocalOffer = undefined;
    this.plan = undefined;
    this.st = s.value;
    return s;
  }

  /** The SDP text of a description (CRLF line ends), for a SIP body with Content-Type application/sdp. */
  static toBody(sd: SessionDescription): Buffer {
    return Buffer.from(serializeSdp(sd), 'utf8');
  }
}
