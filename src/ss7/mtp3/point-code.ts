// ITU-T signalling point codes: 14 bits (Q.704 §2.2.2), 0-16383. Operators also write them in the
// 3-8-3 form "zone-area-sp" (Q.708 §2 international signalling point code: 3-bit zone, 8-bit
// area/network, 3-bit signalling point), e.g. "1-2-3" = 1*2048 + 2*8 + 3 = 2067.
//
// The config comment says "0-8191"; a 14-bit field holds 0-16383, so every value 0-16383 is
// accepted here (docs/mtp3.md says so).

export const POINT_CODE_MAX = 0x3fff;

export function isPointCode(n: unknown): n is number {
  return Number.isInteger(n) && (n as number) >= 0 && (n as number) <= POINT_CODE_MAX;
}

/** Parses 0-16383 (number or decimal string) or "z-a-s" (3-8-3); throws Error with the reason. */
export function parsePointCode(value: unknown): number {
  if (typeof value === 'number') {
    if (isPointCode(value)) return value;
    throw new Error(`point code ${value} is not an integer 0-${POINT_CODE_MAX} (ITU 14 bits)`);
  }
  if (typeof value !== 'string') throw new Error(`point code must be an integer or "zone-area-sp", got ${JSON.stringify(value)}`);
  const s = value.trim();
  if (/^\d+$/.test(s)) return parsePointCode(Number(s));
  const m = /^(\d+)-(\d+)-(\d+)$/.exec(s);
  if (!m) throw new Error(`point code ${JSON.stringify(value)} is neither 0-${POINT_CODE_MAX} nor the 3-8-3 form "z-a-s"`);
  const [z, a, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (z > 7 || a > 255 || p > 7) {
    throw new Error(`point code ${JSON.stringify(value)}: 3-8-3 form needs zone 0-7, area 0-255, signalling point 0-7`);
  }
  return (z << 11) | (a << 3) | p;
}

/** "z-a-s" (3-8-3) form of a point code. */
export function formatPointCode383(pc: number): string {
  return `${(pc >> 11) & 7}-${(pc >> 3) & 0xff}-${pc & 7}`;
}

/** Log form: "2067 (1-2-3)". */
export function describePointCode(pc: number): string {
  return `${pc} (${formatPointCode383(pc)})`;
}
