// G.711 A-law and µ-law against sox's own converters over every input, and the direct A<->µ
// conversion against G.711 Tables 3 and 4.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadNative } from '../../../src/native/addon.js';
import { requireTool } from '../../helpers/tools.js';

const { media } = loadNative();

function sox(args: string[]): void {
  const r = spawnSync('sox', ['-D', '-V1', ...args], { encoding: 'utf8' });
  assert.equal(r.status, 0, `sox ${args.join(' ')}: ${r.stderr}`);
}

function allLinear(): Int16Array {
  const a = new Int16Array(65536);
  for (let i = 0; i < 65536; i++) a[i] = i - 32768;
  return a;
}

function firstDiff(a: Uint8Array | Int16Array, b: Uint8Array | Int16Array): string {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return `index ${i}: ours ${a[i]}, sox ${b[i]}`;
  return a.length === b.length ? 'none' : `lengths ${a.length} vs ${b.length}`;
}

for (const [law, soxName] of [
  ['alaw', 'a-law'],
  ['ulaw', 'u-law'],
] as const) {
  test(`${law} encoding of all 65536 linear samples equals sox's ${soxName} writer`, (t) => {
    if (!requireTool(t, 'sox')) return;
    const dir = mkdtempSync(join(tmpdir(), 'tandem-g711-'));
    const lin = allLinear();
    writeFileSync(join(dir, 'in.raw'), Buffer.from(lin.buffer));
    sox(['-t', 'raw', '-e', 'signed', '-b', '16', '-r', '8000', '-c', '1', join(dir, 'in.raw'), '-t', 'raw', '-e', soxName, join(dir, 'out.raw')]);
    const theirs = new Uint8Array(readFileSync(join(dir, 'out.raw')));
    const ours = media.g711Encode(law, lin);
    assert.equal(ours.length, 65536);
    assert.equal(firstDiff(ours, theirs), 'none');
  });

  test(`${law} decoding of all 256 codes equals sox's ${soxName} reader`, (t) => {
    if (!requireTool(t, 'sox')) return;
    const dir = mkdtempSync(join(tmpdir(), 'tandem-g711-'));
    const codes = new Uint8Array(256).map((_, i) => i);
    writeFileSync(join(dir, 'codes.raw'), codes);
    sox(['-t', 'raw', '-e', soxName, '-r', '8000', '-c', '1', join(dir, 'codes.raw'), '-t', 'raw', '-e', 'signed', '-b', '16', join(dir, 'lin.raw')]);
    const buf = readFileSync(join(dir, 'lin.raw'));
    const theirs = new Int16Array(buf.buffer, buf.byteOffset, buf.length / 2);
    const ours = media.g711Decode(law, codes);
    assert.equal(firstDiff(ours, theirs), 'none');
  });

  test(`${law}: decoding then encoding gives every code back (the tables are consistent)`, () => {
    const codes = new Uint8Array(256).map((_, i) => i);
    const back = media.g711Encode(law, media.g711Decode(law, codes));
    for (let c = 0; c < 256; c++) {
      // µ-law has two zeros (0x7F is -0, 0xFF is +0); both decode to 0, which encodes as +0.
      const want = law === 'ulaw' && c === 0x7f ? 0xff : c;
      assert.equal(back[c], want, `code 0x${c.toString(16)}`);
    }
  });
}

// G.711 Table 3 (µ-law -> A-law) and Table 4 (A-law -> µ-law), as decoder output value numbers:
// µ-law value numbers 0..127, A-law value numbers 1..128 (magnitudes; the sign is carried over).
// Index = value number of the source law (A-law: value number - 1), transcribed from the tables.
const TABLE3_U_TO_A: number[] = [
  1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24,
  25, 27, 29, 31, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 46, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62,
  64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95, 96,
  97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122,
  123, 124, 125, 126, 127, 128,
];
const TABLE4_A_TO_U: number[] = [
  1, 3, 5, 7, 9, 11, 13, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 32, 33, 33, 34, 34, 35, 35,
  36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 48, 49, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 64,
  65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95,
  96, 97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119, 120, 121,
  122, 123, 124, 125, 126, 127,
];

test('µ-law to A-law conversion follows G.711 Table 3 for all 256 codes, sign preserved', () => {
  assert.equal(TABLE3_U_TO_A.length, 128);
  const codes = new Uint8Array(256).map((_, i) => i);
  const out = media.g711Convert('ulaw', 'alaw', codes);
  for (let c = 0; c < 256; c++) {
    const uNum = (c ^ 0x7f) & 0x7f; // µ-law magnitude bits are inverted on the line
    const aNum = ((out[c]! ^ 0x55) & 0x7f) + 1; // A-law even bits are inverted on the line
    assert.equal(aNum, TABLE3_U_TO_A[uNum], `µ-law 0x${c.toString(16)} (value number ${uNum})`);
    assert.equal(out[c]! & 0x80, c & 0x80, 'sign bit');
  }
});

test('A-law to µ-law conversion follows G.711 Table 4 for all 256 codes, sign preserved', () => {
  assert.equal(TABLE4_A_TO_U.length, 128);
  const codes = new Uint8Array(256).map((_, i) => i);
  const out = media.g711Convert('alaw', 'ulaw', codes);
  for (let c = 0; c < 256; c++) {
    const aNum = ((c ^ 0x55) & 0x7f) + 1;
    const uNum = (out[c]! ^ 0x7f) & 0x7f;
    assert.equal(uNum, TABLE4_A_TO_U[aNum - 1], `A-law 0x${c.toString(16)} (value number ${aNum})`);
    assert.equal(out[c]! & 0x80, c & 0x80, 'sign bit');
  }
});

test('the direct tables differ from converting through linear where G.711 says so', () => {
  // µ-law value number 95 decodes to -7932 (16-bit scale); re-encoding that value gives A-law value
  // number 95 (7808), but Table 3 maps it to 96 (8064), the nearer value at equal level in dBm0.
  const u95 = 0x7f ^ 95; // negative sample (the rounding of linear makes the positive one agree)
  const direct = media.g711Convert('ulaw', 'alaw', Uint8Array.of(u95))[0]!;
  const viaLinear = media.g711Encode('alaw', media.g711Decode('ulaw', Uint8Array.of(u95)))[0]!;
  assert.notEqual(direct, viaLinear);
  assert.equal(((direct ^ 0x55) & 0x7f) + 1, 96);
  assert.equal(TABLE3_U_TO_A[95], 96);
});

test('same-law conversion is the identity and bad arguments are TypeErrors', () => {
  const codes = new Uint8Array(256).map((_, i) => i);
  assert.deepEqual(media.g711Convert('alaw', 'alaw', codes), codes);
  assert.throws(() => media.g711Encode('blaw' as 'alaw', new Int16Array(1)), TypeError);
  assert.throws(() => media.g711Decode('alaw', new Int16Array(1) as unknown as Uint8Array), TypeError);
});

test('G.711 is reachable through the codec interface (RFC 3551 PCMA 8 / PCMU 0 at 8000 Hz); unknown names are not', () => {
  assert.deepEqual(media.codecInfo('pcma'), { encodingName: 'PCMA', payloadType: 8, clockRate: 8000, sampleRate: 8000, sampleBased: true });
  assert.deepEqual(media.codecInfo('PCMU'), { encodingName: 'PCMU', payloadType: 0, clockRate: 8000, sampleRate: 8000, sampleBased: true });
  assert.equal(media.codecInfo('G729'), null);
  const x = allLinear().subarray(0, 4096);
  for (const [name, law] of [
    ['PCMA', 'alaw'],
    ['PCMU', 'ulaw'],
  ] as const) {
    const r = media.codecRoundTrip(name, x);
    assert.deepEqual(r.payload, media.g711Encode(law, x));
    assert.deepEqual(r.decoded, media.g711Decode(law, media.g711Encode(law, x)));
  }
  assert.throws(() => media.codecRoundTrip('OPUS', x), (e: unknown) => (e as { code?: string }).code === 'ECODEC');
});
