// The `media` section: where the media core's RTP sockets live (docs/media.md). Each channel binds an
// even port of [rtpPortMin, rtpPortMax] for RTP and the next odd port for RTCP (RFC 3550 §11), on
// localHost (IPv4 or IPv6; the remote addresses of the channels must be of the same family).
import convict from 'convict';
import { isIP } from 'node:net';
import { ConfigError } from '../list.js';

export interface MediaConfig {
  localHost: string;
  rtpPortMin: number;
  rtpPortMax: number;
  /** connect() each RTP socket to its remote (docs/media.md "Connected sockets"). */
  connectSockets: boolean;
}

let formatsDone = false;
/** Registers the formats this section uses (convict's registry is global). */
export function registerMediaFormats(): void {
  if (formatsDone) return;
  formatsDone = true;
  convict.addFormat({
    name: 'ip-address',
    validate(value: unknown) {
      if (typeof value !== 'string' || isIP(value) === 0) throw new Error(`must be an IPv4 or IPv6 address, got ${JSON.stringify(value)}`);
    },
  });
  convict.addFormat({
    name: 'rtp-port',
    validate(value: unknown) {
      if (!Number.isInteger(value) || (value as number) < 1024 || (value as number) > 65535) {
        throw new Error(`must be an integer 1024-65535, got ${JSON.stringify(value)}`);
      }
    },
    coerce: (v: string) => Number(v),
  });
}

/** The `media` section of the convict schema. */
export const mediaSchema = {
  localHost: {
    doc: 'Local address the RTP/RTCP sockets of the media channels bind (IPv4 or IPv6 literal).',
    format: 'ip-address',
    default: '127.0.0.1',
    env: 'TANDEM_MEDIA_HOST',
  },
  rtpPortMin: {
    doc: 'Lowest UDP port of the RTP range (RTP on even ports, RTCP on the next odd port, RFC 3550 §11).',
    format: 'rtp-port',
    default: 20000,
  },
  rtpPortMax: {
    doc: 'Highest UDP port of the RTP range; the range must hold at least one even/odd pair.',
    format: 'rtp-port',
    default: 29999,
  },
  connectSockets: {
    doc: 'connect() each RTP socket to its remote (or the latched source): cheaper sends; other sources are then dropped by the kernel, uncounted.',
    format: 'bool',
    default: false,
  },
};

/** Checks what convict cannot: the range starts on an even port and holds a pair. */
export function checkMediaConfig(cfg: MediaConfig): void {
  if (cfg.rtpPortMin % 2 !== 0) throw new ConfigError('media.rtpPortMin', `must be even (RTP on even ports), got ${cfg.rtpPortMin}`);
  if (cfg.rtpPortMax < cfg.rtpPortMin + 1) {
    throw new ConfigError('media.rtpPortMax', `the range ${cfg.rtpPortMin}-${cfg.rtpPortMax} holds no even/odd port pair`);
  }
}
