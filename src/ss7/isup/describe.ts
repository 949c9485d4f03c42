// A decoded ISUP message as one JSON object for logs, the CLI and the dashboard: message type by
// name and code, CIC, and every parameter with its fields named (docs/isup-decode.md).
import { describeDecodeError } from './errors.js';
import type { IsupMessage } from './message.js';
import { ituProfile, type IsupProfile } from './profile.js';
import type { IsupParameter, Json } from './types.js';

export function describeParameter(p: IsupParameter, profile: IsupProfile = ituProfile): { [k: string]: Json } {
  const entry = p.unknown || p.error ? undefined : profile.parameters.get(p.code);
  const d: { [k: string]: Json } = { code: p.code, name: p.name };
  if (p.unknown) d.unknown = true;
  if (p.error) d.error = describeDecodeError(p.error);
  if (!entry) {
    if (p.value.kind === 'octets') d.octets = Buffer.from(p.value.octets).toString('hex');
    if (p.compatibility) d.compatibility = { octets: Buffer.from(p.compatibility.octets).toString('hex'), ...p.compatibility.flags };
    return d;
  }
  d.value = entry.describe(p.value);
  return d;
}

export function describeMessage(msg: IsupMessage, profile: IsupProfile = ituProfile): { [k: string]: Json } {
  const fmt = profile.messages.get(msg.type);
  const d: { [k: string]: Json } = {
    cic: msg.cic,
    messageType: { code: msg.type, acronym: msg.acronym, name: fmt?.name ?? 'unrecognized message type' },
  };
  if (msg.cicSpare) d.cicSpare = msg.cicSpare;
  const params = [...msg.fixed, ...msg.variable, ...(msg.optional ?? [])];
  d.parameters = params.map((p) => describeParameter(p, profile));
  if (msg.body) d.body = Buffer.from(msg.body).toString('hex');
  if (msg.embedded) {
    const { cic: _cic, ...inner } = describeMessage(msg.embedded, profile);
    d.embedded = inner;
  }
  if (msg.compatibility) d.compatibility = { octets: Buffer.from(msg.compatibility.octets).toString('hex'), ...msg.compatibility.flags };
  if (msg.trailing) d.trailing = Buffer.from(msg.trailing).toString('hex');
  if (msg.nonCanonical) d.nonCanonical = true;
  return d;
}
