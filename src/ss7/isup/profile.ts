// A codec profile: the parameter registry and message table the codec reads. ITU (Q.763) is the
// default; a national variant is the ITU profile with entries added or replaced, as data.
import { ituMessageFormats, type MessageFormat } from './message-formats.js';
import { ituParameters, parameterMap } from './registry.js';
import type { ParamEntry } from './types.js';

export interface IsupProfile {
  name: string;
  parameters: ReadonlyMap<number, ParamEntry>;
  messages: ReadonlyMap<number, MessageFormat>;
}

export const ituProfile: IsupProfile = {
  name: 'itu',
  parameters: parameterMap(ituParameters),
  messages: new Map(ituMessageFormats.map((f) => [f.code, f])),
};

/** A national variant: the base profile with these parameters and message formats added or replaced. */
export function variantProfile(
  base: IsupProfile,
  name: string,
  add: { parameters?: readonly ParamEntry[]; messages?: readonly MessageFormat[] },
): IsupProfile {
  const parameters = new Map(base.parameters);
  for (const p of add.parameters ?? []) parameters.set(p.code, p);
  const messages = new Map(base.messages);
  for (const m of add.messages ?? []) messages.set(m.code, m);
  return { name, parameters, messages };
}
