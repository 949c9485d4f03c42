import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, ConfigError } from '../../../../src/config/load.js';

const span = (name: string, ts = [16]) => ({ name, driver: 'virtual', local: '127.0.0.1:40000', remote: '127.0.0.1:40001', signallingTimeslots: ts });

function load(ss7: Record<string, unknown>, spans = [span('e1-0', [16, 1])]) {
  return loadConfig({ object: { spans, ss7 }, env: {} });
}

function rejects(ss7: Record<string, unknown>, key: string, re: RegExp, spans?: ReturnType<typeof span>[]): void {
  assert.throws(
    () => load(ss7, spans),
    (err: unknown) => err instanceof ConfigError && err.key === key && re.test(err.reason),
    `expected ConfigError at ${key}`,
  );
}

test('the issue\'s YAML ss7 shape loads with timers and defaults filled in', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-ss7-'));
  const file = join(dir, 'c.yaml');
  writeFileSync(
    file,
    [
      'spans:',
      '  - { name: e1-0, driver: virtual, local: "127.0.0.1:40000", remote: "127.0.0.1:40001" }',
      'ss7:',
      '  pointCode: 1',
      '  networkIndicator: national',
      '  linksets:',
      '    - name: ls-exchange',
      '      adjacentPointCode: 2',
      '      links:',
      '        - { span: e1-0, timeslot: 16, slc: 0 }',
      '',
    ].join('\n'),
  );
  const cfg = loadConfig({ file, env: {} });
  assert.equal(cfg.ss7.pointCode, 1);
  assert.equal(cfg.ss7.networkIndicator, 'national');
  assert.deepEqual(cfg.ss7.linksets, [{ name: 'ls-exchange', adjacentPointCode: 2, links: [{ span: 'e1-0', timeslot: 16, slc: 0 }] }]);
  assert.equal(cfg.ss7.timers.T2, 1400);
  assert.equal(cfg.ss7.timers.SLT_T2, 60000);
});

test('point codes are accepted as 0-16383 or in the 3-8-3 form and stored as numbers', () => {
  const cfg = load({ pointCode: '7-255-7', linksets: [{ name: 'a', adjacentPointCode: 16382, links: [{ span: 'e1-0', timeslot: 16 }] }] });
  assert.equal(cfg.ss7.pointCode, 16383); // 7-255-7 is the largest 14-bit code
  assert.equal(cfg.ss7.linksets[0]!.adjacentPointCode, 16382);
  assert.equal(load({ pointCode: '1-2-3' }).ss7.pointCode, 2067);
  rejects({ pointCode: 16384 }, 'ss7.pointCode', /0-16383/);
  rejects({ pointCode: '8-0-0' }, 'ss7.pointCode', /zone 0-7/);
});

test('links default their SLC to their position and must name a span and one of its signalling timeslots', () => {
  const ok = load({ linksets: [{ name: 'a', adjacentPointCode: 2, links: [{ span: 'e1-0', timeslot: 16 }, { span: 'e1-0', timeslot: 1 }] }] });
  assert.deepEqual(ok.ss7.linksets[0]!.links.map((l) => l.slc), [0, 1]);
  rejects({ linksets: [{ name: 'a', adjacentPointCode: 2, links: [{ span: 'e1-9', timeslot: 16 }] }] }, 'ss7.linksets[0].links[0].span', /no span named "e1-9"/);
  rejects({ linksets: [{ name: 'a', adjacentPointCode: 2, links: [{ span: 'e1-0', timeslot: 5 }] }] }, 'ss7.linksets[0].links[0].timeslot', /signallingTimeslots/);
});

test('SLCs are unique per linkset, timeslots are used once, and linksets have 1-16 links to a distinct adjacent point', () => {
  rejects(
    { linksets: [{ name: 'a', adjacentPointCode: 2, links: [{ span: 'e1-0', timeslot: 16, slc: 3 }, { span: 'e1-0', timeslot: 1, slc: 3 }] }] },
    'ss7.linksets[0].links[1].slc',
    /SLC 3 is used twice/,
  );
  rejects(
    { linksets: [{ name: 'a', adjacentPointCode: 2, links: [{ span: 'e1-0', timeslot: 16, slc: 0 }, { span: 'e1-0', timeslot: 16, slc: 1 }] }] },
    'ss7.linksets[0].links[1]',
    /already used/,
  );
  rejects({ linksets: [{ name: 'a', adjacentPointCode: 2, links: [] }] }, 'ss7.linksets[0].links', /1-16 links/);
  rejects({ linksets: [{ name: 'a', adjacentPointCode: 1, links: [{ span: 'e1-0', timeslot: 16 }] }] }, 'ss7.linksets[0].adjacentPointCode', /own point code/);
  rejects(
    {
      linksets: [
        { name: 'a', adjacentPointCode: 2, links: [{ span: 'e1-0', timeslot: 16 }] },
        { name: 'b', adjacentPointCode: 2, links: [{ span: 'e1-0', timeslot: 1 }] },
      ],
    },
    'ss7.linksets[1].adjacentPointCode',
    /one linkset per adjacent point/,
  );
  rejects({ linksets: [{ name: 'a', adjacentPointCode: 2, links: [{ span: 'e1-0', timeslot: 16, slc: 16 }] }] }, 'ss7.linksets[0].links[0].slc', /0-15/);
});

test('timer overrides outside the spec range are refused with the key name', () => {
  assert.equal(load({ timers: { T2: 2000 } }).ss7.timers.T2, 2000);
  rejects({ timers: { T2: 5000 } }, 'ss7.timers.T2', /700-2000/);
  rejects({ timers: { T99: 5 } }, 'ss7.timers.T99', /unknown key/);
});

test('routes name an existing linkset', () => {
  const ls = [{ name: 'a', adjacentPointCode: 2, links: [{ span: 'e1-0', timeslot: 16 }] }];
  assert.deepEqual(load({ linksets: ls, routes: [{ destination: '0-1-0', linkset: 'a' }] }).ss7.routes, [{ destination: 8, linkset: 'a', priority: 1 }]);
  rejects({ linksets: ls, routes: [{ destination: 8, linkset: 'zz' }] }, 'ss7.routes[0].linkset', /no linkset/);
});

test('an Mtp3 built from the loaded ss7 section runs over fake links and reaches the adjacent point', async () => {
  const { mtp3FromConfig } = await import('../../../../src/ss7/mtp3/from-config.js');
  const { FakeClock } = await import('../../../../src/ss7/mtp3/clock.js');
  const { FakeLinkPair } = await import('../../../../src/ss7/mtp2/fake-link.js');
  const clock = new FakeClock();
  const spans = [span('e1-0', [16]), span('e1-1', [16])];
  const cfgA = loadConfig({ object: { spans, ss7: { pointCode: '0-0-1', linksets: [{ name: 'to-b', adjacentPointCode: '0-0-2', links: [{ span: 'e1-0', timeslot: 16 }, { span: 'e1-1', timeslot: 16 }] }] } }, env: {} });
  const cfgB = loadConfig({ object: { spans, ss7: { pointCode: 2, linksets: [{ name: 'to-a', adjacentPointCode: 1, links: [{ span: 'e1-0', timeslot: 16 }, { span: 'e1-1', timeslot: 16 }] }] } }, env: {} });
  const pairs = new Map<string, InstanceType<typeof FakeLinkPair>>();
  const pair = (name: string) => {
    let p = pairs.get(name);
    if (!p) pairs.set(name, (p = new FakeLinkPair(clock, `a:${name}`, `b:${name}`)));
    return p;
  };
  const opened: string[] = [];
  const a = mtp3FromConfig(cfgA.ss7, (l) => (opened.push(`${l.linkset} ${l.name} slc=${l.slc}`), pair(l.name).a), { clock });
  const b = mtp3FromConfig(cfgB.ss7, (l) => pair(l.name).b, { clock });
  assert.deepEqual(opened, ['to-b e1-0/16 slc=0', 'to-b e1-1/16 slc=1']);
  a.start();
  b.start();
  clock.advance(2000);
  assert.ok(a.isAccessible(2) && b.isAccessible(1));
  assert.ok(a.linksets[0]!.links.every((l) => l.available));
});

test('lab.ss7 configures the exchange simulator\'s MTP3 on lab.spans (point code 2 by default)', () => {
  const cfg = loadConfig({
    object: {
      spans: [span('e1-0')],
      lab: { spans: [span('lab-0')], ss7: { linksets: [{ name: 'to-gw', adjacentPointCode: 1, links: [{ span: 'lab-0', timeslot: 16 }] }] } },
      ss7: { linksets: [{ name: 'to-lab', adjacentPointCode: 2, links: [{ span: 'e1-0', timeslot: 16 }] }] },
    },
    env: {},
  });
  assert.equal(cfg.lab.ss7.pointCode, 2);
  assert.equal(cfg.ss7.pointCode, 1);
  assert.deepEqual(cfg.lab.ss7.linksets[0]!.links, [{ span: 'lab-0', timeslot: 16, slc: 0 }]);
  assert.throws(
    () => loadConfig({ object: { spans: [span('e1-0')], lab: { spans: [span('lab-0')], ss7: { linksets: [{ name: 'x', adjacentPointCode: 1, links: [{ span: 'e1-0', timeslot: 16 }] }] } } }, env: {} }),
    (err: unknown) => err instanceof ConfigError && err.key === 'lab.ss7.linksets[0].links[0].span',
    'the simulator\'s links must be on its own spans',
  );
});
