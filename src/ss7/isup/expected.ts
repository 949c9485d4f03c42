// Which optional parameters a message carries that its Q.763 table does not list for that message
// type. Q.764 §2.9.5.3 handles a parameter unexpected in a message like an unrecognized one (by its
// parameter compatibility information); call control asks this before acting on the message.
import type { IsupMessage } from './message.js';
import { ituProfile, type IsupProfile } from './profile.js';

export function unexpectedParameters(msg: IsupMessage, profile: IsupProfile = ituProfile): number[] {
  const fmt = profile.messages.get(msg.type);
  if (!fmt || !msg.optional) return [];
  const allowed = new Set(fmt.optional ?? []);
  return msg.optional.filter((p) => !allowed.has(p.code)).map((p) => p.code);
}
