// Every RFC 4475 and RFC 5118 message, sent over a real UDP socket to a running SIP stack (no routes),
// gets the behaviour the corpus manifest states; the stack survives and still answers OPTIONS.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket, type Socket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { startStack } from './stack.js';

const CORPUS = new URL('../../../../shared/corpus/', import.meta.url);

interface Entry {
  file: string;
  tag: string;
  validity: string;
  expected_response: string;
}

const manifest = JSON.parse(readFileSync(new URL('rfc4475/manifest.json', CORPUS), 'utf8')) as Record<
  'rfc4475' | 'rfc5118',
  { messages: Entry[] }
>;

/** What each message must get, from the manifest's expected_response (for an endpoint without routes). */
const EXPECT: Record<string, number[] | 'none' | 'not-400' | 'any'> = {
  // responses are never answered (§18.1.2)
  unreason: 'none',
  noreason: 'none',
  scalarlg: 'none',
  bigcode: 'none',
  bcast: 'none',
  intmeth: [501],
  esc02: [501],
  badvers: [505],
  mismatch02: [501, 400],
  unkscm: [416],
  novelsc: [416],
  bext01: [420],
  invut: [415],
  sdp01: [406, 400],
  zeromf: [200],
  badbranch: [400],
  // "respond with an error"
  ncl: [400],
  mcl01: [400],
  // unspecified by the RFC (no SIP-Version, no Via): whatever happens, nothing crashes
  test: 'any',
};

function expectationFor(e: Entry): number[] | 'none' | 'not-400' | 'any' {
  const specific = EXPECT[e.tag];
  if (specific) return specific;
  if (e.validity === 'invalid') return [400];
  return 'not-400';
}

async function sendAndCollect(port: number, buf: Buffer, waitMs: number): Promise<string[]> {
  const s: Socket = createSocket('udp4');
  const got: string[] = [];
  s.on('message', (b) => got.push(b.toString('latin1')));
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', () => r()));
  s.send(buf, port, '127.0.0.1');
  await new Promise((r) => setTimeout(r, waitMs));
  s.close();
  return got;
}

function statusOf(res: string): number {
  return Number(/^SIP\/2\.0 (\d{3})/.exec(res)?.[1] ?? 0);
}

test('every RFC 4475 / RFC 5118 torture message sent over UDP gets the response its manifest states', async () => {
  const svc = await startStack({ tcp: false });
  try {
    const entries = [
      ...manifest.rfc4475.messages.map((e) => ({ e, url: new URL(`rfc4475/${e.file}`, CORPUS) })),
      ...manifest.rfc5118.messages.map((e) => ({ e, url: new URL(`rfc5118/wire/${e.file.split('/').pop()}`, CORPUS) })),
    ];
    assert.ok(entries.length >= 60, `expected the whole corpus, got ${entries.length}`);
    // Several corpus messages share a Via branch and sent-by, so to one stack they are retransmissions of
    // each other (§17.2.3) and get the first one's response on its flow. Each message therefore goes to
    // a fresh stack of its own (8 at a time); afterwards the whole corpus goes to one stack in a burst.
    const results: { e: Entry; got: string[] }[] = [];
    for (let i = 0; i < entries.length; i += 8) {
      results.push(
        ...(await Promise.all(
          entries.slice(i, i + 8).map(async ({ e, url }) => {
            const own = await startStack({ tcp: false });
            try {
              return { e, got: await sendAndCollect(own.port, readFileSync(url), 250) };
            } finally {
              await own.close();
            }
          }),
        )),
      );
    }
    await Promise.all(entries.map(({ url }) => sendAndCollect(svc.port, readFileSync(url), 100)));
    const failures: string[] = [];
    for (const { e, got } of results) {
      const want = expectationFor(e);
      const statuses = [...new Set(got.map(statusOf))];
      if (want === 'any') continue;
      if (want === 'none') {
        if (got.length) failures.push(`${e.tag}: expected no response, got ${statuses.join(',')}`);
      } else if (want === 'not-400') {
        if (statuses.length === 0 || statuses.includes(400) || statuses.some((s) => s >= 500))
          failures.push(`${e.tag}: valid message got ${statuses.join(',') || 'nothing'}`);
      } else if (statuses.length === 0 || !statuses.every((s) => want.includes(s))) {
        failures.push(`${e.tag}: expected ${want.join('|')}, got ${statuses.join(',') || 'nothing'}`);
      }
      if (e.tag === 'intmeth') assert.match(got[0] ?? '', /\r\nAllow: [^\r]*INVITE/, '501 carries Allow');
      if (e.tag === 'bext01')
        assert.match(got[0] ?? '', /\r\nUnsupported: nothingSupportsThis, nothingSupportsThisEither\r\n/);
      if (e.tag === 'invut') assert.match(got[0] ?? '', /\r\nAccept: /);
    }
    assert.deepEqual(failures, []);
    // Still alive and answering.
    const opt = Buffer.from(
      'OPTIONS sip:t@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bKalive;rport\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:t@127.0.0.1>\r\nCall-ID: alive\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n',
    );
    const after = await sendAndCollect(svc.port, opt, 200);
    assert.equal(statusOf(after[0] ?? ''), 200);
    assert.ok(svc.transport.counters['sip.rx.malformed'] >= 20, 'malformed messages are counted');
  } finally {
    await svc.close();
  }
});

test('an INVITE without a route gets 404 with a Q.850 Reason and OPTIONS gets 200 with Allow, Accept and Supported', async () => {
  const svc = await startStack({ tcp: false });
  try {
    const inv = Buffer.from(
      'INVITE sip:+4930123@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bKnoroute;rport\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:+4930123@127.0.0.1>\r\nCall-ID: noroute\r\nCSeq: 1 INVITE\r\nContact: <sip:a@127.0.0.1:9>\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n',
    );
    const got = await sendAndCollect(svc.port, inv, 200);
    assert.equal(statusOf(got[0] ?? ''), 404);
    assert.match(got[0] ?? '', /\r\nReason: Q\.850;cause=3;text="No route to destination"\r\n/);
    const opt = Buffer.from(
      'OPTIONS sip:t@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bKopt;rport\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:t@127.0.0.1>\r\nCall-ID: opt\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n',
    );
    const o = (await sendAndCollect(svc.port, opt, 200))[0] ?? '';
    assert.equal(statusOf(o), 200);
    for (const h of ['Allow', 'Accept', 'Supported']) assert.match(o, new RegExp(`\\r\\n${h}:`), h);
  } finally {
    await svc.close();
  }
});
