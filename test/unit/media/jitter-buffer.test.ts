// Jitter buffer scenario scripts (CONVENTIONS.md 18, after pjmedia's Jbtest.dat): every
// test/unit/media/jb/*.txt is a sequence of puts, gets, network losses, reorderings and late or
// duplicate arrivals with the expected outcome of each step and the expected counters.
//
// Script language (one statement per line, '#' starts a comment):
//   title <text>
//   config initial=N min=N max=N window=N resync=N jump=N   (frames of 10 ms)
//   start N            next sequential frame index (default 0)
//   <tokens>           space-separated steps:
//     P                put the next index       Ps  ... flagged silent   Pm  ... with the RTP marker
//     P@N              put index N (the next index is unchanged)
//     L                the network loses the next index (skipped)
//     G                get one frame
//     any step may end in :expect    P:late  P@7:duplicate  G:normal  G:lost=12  G:empty
//     [steps]*N        repeat a group N times; X*N repeats one step
//   expect k=v ...     counters after the steps so far (k=lo..hi for a range); delay = level
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadNative } from '../../../src/native/addon.js';
import type { JitterBufferConfig, JitterBufferStats, NativeJitterBuffer } from '../../../src/native/types/media.js';

const { media } = loadNative();
const dir = join(fileURLToPath(new URL('.', import.meta.url)), 'jb');

function expandTokens(line: string): string[] {
  const out: string[] = [];
  const re = /\[([^\]]*)\]\*(\d+)|(\S+)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    if (m[1] !== undefined) {
      const inner = expandTokens(m[1]);
      for (let i = 0; i < Number(m[2]); i++) out.push(...inner);
    } else {
      const rep = /^(.*)\*(\d+)$/.exec(m[3]!);
      if (rep) for (let i = 0; i < Number(rep[2]); i++) out.push(rep[1]!);
      else out.push(m[3]!);
    }
  }
  return out;
}

const KEYS: Record<string, keyof JitterBufferStats> = { delay: 'level' };

function run(file: string): string {
  const lines = readFileSync(join(dir, file), 'utf8').split('\n');
  let jb: NativeJitterBuffer | undefined;
  let next = 0;
  let title = file;
  const where = (n: number) => `${file}:${n + 1}`;
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!.replace(/#.*/, '').trim();
    if (!line) continue;
    const [cmd, ...rest] = line.split(/\s+/);
    if (cmd === 'title') {
      title = rest.join(' ');
    } else if (cmd === 'config') {
      const cfg: JitterBufferConfig = { frameBytes: 80 };
      const names: Record<string, keyof JitterBufferConfig> = {
        initial: 'initialFrames', min: 'minFrames', max: 'maxFrames', window: 'window', resync: 'resyncFrames', jump: 'resetJumpFrames',
      };
      for (const kv of rest) {
        const [k, v] = kv.split('=');
        const key = names[k!];
        assert.ok(key, `${where(n)}: unknown config key ${k}`);
        cfg[key] = Number(v);
      }
      jb = new media.JitterBuffer(cfg);
    } else if (cmd === 'start') {
      next = Number(rest[0]);
    } else if (cmd === 'expect') {
      assert.ok(jb, `${where(n)}: config first`);
      const st = jb.stats();
      for (const kv of rest) {
        const [k, v] = kv.split('=') as [string, string];
        const key = (KEYS[k] ?? k) as keyof JitterBufferStats;
        assert.ok(key in st, `${where(n)}: unknown counter ${k}`);
        const range = /^(\d+)\.\.(\d+)$/.exec(v);
        if (range) {
          assert.ok(st[key] >= Number(range[1]) && st[key] <= Number(range[2]), `${title} (${where(n)}): ${k}=${st[key]}, want ${v}; ${JSON.stringify(st)}`);
        } else {
          assert.equal(st[key], Number(v), `${title} (${where(n)}): ${k}; ${JSON.stringify(st)}`);
        }
      }
    } else {
      assert.ok(jb, `${where(n)}: config first`);
      for (const tok of expandTokens(line)) {
        const [step, want] = tok.split(':') as [string, string | undefined];
        if (step === 'L') {
          next++;
        } else if (step.startsWith('P')) {
          const explicit = /^P@(\d+)$/.exec(step);
          const idx = explicit ? Number(explicit[1]) : next++;
          const flags = explicit ? '' : step.slice(1);
          const r = jb.put(idx, null, flags.includes('m'), flags.includes('s'));
          if (want) assert.equal(r, want, `${title} (${where(n)}): ${tok} -> ${r}`);
        } else if (step === 'G') {
          const f = jb.get();
          if (want) {
            const [kind, idx] = want.split('=');
            assert.equal(f.kind, kind, `${title} (${where(n)}): ${tok} -> ${f.kind}${f.index !== undefined ? '=' + f.index : ''}; ${JSON.stringify(jb.stats())}`);
            if (idx !== undefined) assert.equal(f.index, Number(idx), `${title} (${where(n)}): ${tok} played index`);
            if (f.kind === 'normal') assert.equal(f.payload![0], f.index! & 0xff, 'payload belongs to the frame played');
          }
        } else {
          assert.fail(`${where(n)}: unknown step ${tok}`);
        }
      }
    }
  }
  return title;
}

const scripts = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();

test('there are jitter buffer scenario scripts', () => {
  assert.ok(scripts.length >= 8, `found ${scripts.length}`);
});

for (const f of scripts) {
  const title = readFileSync(join(dir, f), 'utf8').match(/^title (.*)$/m)?.[1] ?? f;
  test(`jitter buffer scenario: ${title}`, () => {
    run(f);
  });
}

test('a bad jitter buffer configuration is a RangeError', () => {
  assert.throws(() => new media.JitterBuffer({ minFrames: 5, initialFrames: 2, maxFrames: 10 }), RangeError);
  assert.throws(() => new media.JitterBuffer({ maxFrames: 1000 }), RangeError);
});
