// Call-progress tones (dial, ringback, busy, congestion) per country: ITU-T E.180/Q.35 recommended
// values ("itu": 425 Hz; ringing 1 s on / 4 s off; busy 0.5 / 0.5 s; congestion 0.25 / 0.25 s) and
// common national plans. The media core plays them with its tone generator (native/media/
// tone_generator.h); each tone is up to four frequency components and a cadence of up to eight
// on/off intervals. National values are the commonly published plans (E.180 Supplement 2 lists them
// per administration); check them against the operator's own plan before relying on them.

import convict from 'convict';

export type ToneName = 'dial' | 'ringback' | 'busy' | 'congestion';

export interface ToneDefinition {
  /** Frequency components in Hz. */
  freqs: number[];
  /** Level per component, dBm0; absent: the configured tones.levelDbm0. */
  dbm0?: number;
  /** on, off, on, off ... in ms; empty = continuous. */
  cadenceMs: number[];
}

export type TonePlan = Record<ToneName, ToneDefinition>;

export const TONE_PLANS = {
  // E.180 §§2-4: 400-450 Hz (425 recommended), -10 dBm0 nominal.
  itu: {
    dial: { freqs: [425], cadenceMs: [] },
    ringback: { freqs: [425], cadenceMs: [1000, 4000] },
    busy: { freqs: [425], cadenceMs: [500, 500] },
    congestion: { freqs: [425], cadenceMs: [250, 250] },
  },
  de: {
    dial: { freqs: [425], cadenceMs: [] },
    ringback: { freqs: [425], cadenceMs: [1000, 4000] },
    busy: { freqs: [425], cadenceMs: [480, 480] },
    congestion: { freqs: [425], cadenceMs: [240, 240] },
  },
  fr: {
    dial: { freqs: [440], cadenceMs: [] },
    ringback: { freqs: [440], cadenceMs: [1500, 3500] },
    busy: { freqs: [440], cadenceMs: [500, 500] },
    congestion: { freqs: [440], cadenceMs: [250, 250] },
  },
  uk: {
    dial: { freqs: [350, 450], cadenceMs: [] },
    ringback: { freqs: [400, 450], cadenceMs: [400, 200, 400, 2000] },
    busy: { freqs: [400], cadenceMs: [375, 375] },
    congestion: { freqs: [400], cadenceMs: [400, 350, 225, 525] },
  },
  // North American precise tone plan.
  us: {
    dial: { freqs: [350, 440], dbm0: -13, cadenceMs: [] },
    ringback: { freqs: [440, 480], dbm0: -19, cadenceMs: [2000, 4000] },
    busy: { freqs: [480, 620], dbm0: -24, cadenceMs: [500, 500] },
    congestion: { freqs: [480, 620], dbm0: -24, cadenceMs: [250, 250] },
  },
} as const satisfies Record<string, TonePlan>;

export type ToneCountry = keyof typeof TONE_PLANS;

export const TONE_COUNTRIES = Object.keys(TONE_PLANS) as ToneCountry[];

export interface TonesConfig {
  country: ToneCountry;
  levelDbm0: number;
}

let formatsDone = false;
/** Registers the formats this section uses (convict's registry is global). */
export function registerToneFormats(): void {
  if (formatsDone) return;
  formatsDone = true;
  convict.addFormat({
    name: 'tone-level',
    validate(value: unknown) {
      if (typeof value !== 'number' || !Number.isFinite(value) || value < -40 || value > 0) {
        throw new Error(`must be a level in dBm0 from -40 to 0, got ${JSON.stringify(value)}`);
      }
    },
    coerce: (v: string) => Number(v),
  });
}

/** The `tones` section of the convict schema. */
export const tonesSchema = {
  country: {
    doc: `Call-progress tone plan: ${TONE_COUNTRIES.join(', ')} ("itu" = ITU-T E.180 recommended values).`,
    format: TONE_COUNTRIES,
    default: 'itu',
  },
  levelDbm0: {
    doc: 'Level of each tone component in dBm0 where the plan gives none (E.180: -10 dBm0 nominal).',
    format: 'tone-level',
    default: -10,
  },
};

/** A tone of the plan as the native tone generator takes it (src/native/types/media.ts ToneSpecInput). */
export function toneSpec(cfg: TonesConfig, tone: ToneName): { freqs: { hz: number; dbm0: number }[]; cadenceMs: number[] } {
  const def: ToneDefinition = TONE_PLANS[cfg.country][tone];
  const level = def.dbm0 ?? cfg.levelDbm0;
  return { freqs: def.freqs.map((hz) => ({ hz, dbm0: level })), cadenceMs: [...def.cadenceMs] };
}
