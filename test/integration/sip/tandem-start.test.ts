// `tandem start` with a config that has SIP listeners and no routes: OPTIONS gets 200 over UDP and TCP,
// an INVITE gets 404 with a Reason header, SIGTERM stops it cleanly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freeTcpPort, freeUdpPort } from '../../helpers/ports.js';
import { request, status, tcpPeer, udpPeer } from '../../unit/sip/transport/peer.js';

const RUN = fileURLToPath(new URL('../../../src/cli/run.ts', import.meta.url));

test('tandem start brings up the SIP listeners from config: OPTIONS 200 (UDP, TCP), INVITE 404 with Reason, clean stop', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-start-'));
  let port = await freeUdpPort();
  for (let i = 0; i < 10; i++) {
    try {
      await freeTcpPort();
      break;
    } catch {
      port = await freeUdpPort();
    }
  }
  const file = join(dir, 'tandem.yaml');
  writeFileSync(
    file,
    `spans: []\nlab:\n  spans: []\nlog:\n  level: info\n  pretty: false\nsip:\n  listen:\n    - { transport: udp, address: 127.0.0.1, port: ${port} }\n    - { transport: tcp, address: 127.0.0.1, port: ${port} }\n`,
  );
  const p = spawn(process.execPath, ['--import', 'tsx', RUN, 'start', '--config', file], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  p.stdout.on('data', (d: Buffer) => (out += d.toString()));
  p.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => p.on('close', (c) => r(c)));
  try {
    const t0 = Date.now();
    while (!/"event":"sip.started"/.test(out)) {
      if (Date.now() - t0 > 15000 || p.exitCode !== null) throw new Error(`tandem start did not start SIP:\n${out}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const u = await udpPeer(port);
    u.send(request('OPTIONS', { port: u.port, callId: 'start-opt' }));
    assert.equal(status(await u.next()), 200);
    u.send(request('INVITE', { port: u.port, callId: 'start-inv' }));
    const r = await u.next();
    assert.equal(status(r), 404);
    assert.match(r, /\r\nReason: Q\.850;cause=3/);
    u.close();
    const tc = await tcpPeer(port);
    tc.send(request('OPTIONS', { port: tc.port, transport: 'TCP', callId: 'start-tcp' }));
    assert.equal(status(await tc.next()), 200);
    tc.close();
  } finally {
    p.kill('SIGTERM');
    const code = await exited;
    rmSync(dir, { recursive: true, force: true });
    assert.equal(code, 0, out.slice(-2000));
    assert.match(out, /"event":"sip.stopped"/);
  }
});
