import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { enqueueAreaNotification } from '../src/modules/notifications/notifications.service.ts';
import { writeWorld } from '../src/modules/targeting/targeting.fixtures.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';

// Exactly once per recipient and channel when a worker dies mid-run (issue 6, decision 0022): on PostgreSQL,
// two worker processes send one message to 400 people by SMS through a local gateway; one is killed with
// SIGKILL while sending and a third takes its place. Every person must have exactly one delivery row per channel,
// sent; the gateway must have been handed every message, and any message handed twice (sent by the dead worker
// after its last commit) must carry the same Idempotency-Key, so a gateway that honours the key sends it once.

const CHILD = fileURLToPath(new URL('./support/notify-worker-child.ts', import.meta.url));
const PEOPLE = 400;
const children: ChildProcess[] = [];
let handle: TestDatabase | undefined;

function startWorkerProcess(databaseUrl: string, smsUrl: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: { ...process.env, DATABASE_URL: databaseUrl, HOMEWARD_SMS_GATEWAY_URL: smsUrl, LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('READY')) resolve(child);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) before it was ready: ${err}`)));
  });
}

async function until(check: () => Promise<boolean>, timeoutMs = 90_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await handle?.close();
});

const skip = inject('pgSkipReason');
describe.skipIf(Boolean(skip))(
  `notification delivery crash safety [postgres]${skip ? ` (skipped: ${skip})` : ''}`,
  () => {
    it('sends one SMS per person across a kill -9 of one of two workers', { timeout: 180_000 }, async () => {
      handle = await createTestDatabase('postgres');
      const { db, url } = handle;
      // The gateway takes 200 ms per message and records each request with its Idempotency-Key.
      const received: { key: string; to: string }[] = [];
      const gateway = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { to: string };
          setTimeout(() => {
            received.push({ key: String(req.headers['idempotency-key']), to: body.to });
            res.writeHead(202).end();
          }, 200);
        });
      });
      await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
      const smsUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms`; // boundary: a TCP server
      try {
        const phone = (i: number) => `+3361${String(i).padStart(7, '0')}`;
        await writeWorld(db, {
          persons: Array.from({ length: PEOPLE }, (_, i) => ({
            id: `crash-${String(i).padStart(4, '0')}`,
            locale: i % 2 ? 'en' : 'zh-CN',
            channels: [{ kind: 'sms' as const, address: phone(i), verified: true }],
            dependents: [],
            subscriptions: [],
          })),
          presences: Array.from({ length: PEOPLE }, (_, i) => ({
            id: `crash-pr-${i}`,
            personId: `crash-${String(i).padStart(4, '0')}`,
            dependentId: null,
            kind: 'residence' as const,
            countryCode: 'FR',
            regionCode: null,
            lat: null,
            lon: null,
            arrivalOn: '2026-01-01',
            departureOn: null,
          })),
          sites: [],
        });
        const { messageId } = await enqueueAreaNotification(db, {
          source: { kind: 'crash_test', id: 'one' },
          area: { countries: ['FR'] },
          at: '2026-11-28T12:00:00.000Z',
          content: { en: { title: 'Crash test', body: 'One message each.' } },
        });

        const victim = await startWorkerProcess(url, smsUrl);
        await startWorkerProcess(url, smsUrl);
        await until(async () => received.length >= PEOPLE / 4, 60_000);
        victim.kill('SIGKILL');
        await new Promise((resolve) => victim.once('exit', resolve));
        const atKill = received.length;
        expect(atKill).toBeLessThan(PEOPLE); // killed mid-run, not after
        await startWorkerProcess(url, smsUrl);

        await until(async () => {
          const open = await db
            .selectFrom('notificationDeliveries')
            .select('id')
            .where('messageId', '=', messageId)
            .where('status', '!=', 'sent')
            .execute();
          const message = await db
            .selectFrom('notificationMessages')
            .select('state')
            .where('id', '=', messageId)
            .executeTakeFirstOrThrow();
          return message.state === 'fanned_out' && open.length === 0;
        });

        const rows = await db
          .selectFrom('notificationDeliveries')
          .select(['id', 'personId', 'channel', 'address'])
          .where('messageId', '=', messageId)
          .execute();
        expect(rows).toHaveLength(PEOPLE);
        expect(new Set(rows.map((r) => `${r.personId}/${r.channel}`)).size).toBe(PEOPLE);
        // Every delivery reached the gateway under its own id; each person's number got exactly one key.
        const keys = new Map<string, Set<string>>();
        for (const r of received) keys.set(r.to, (keys.get(r.to) ?? new Set()).add(r.key));
        expect(keys.size).toBe(PEOPLE);
        for (const [, set] of keys) expect(set.size).toBe(1);
        expect(new Set(received.map((r) => r.key))).toEqual(new Set(rows.map((r) => r.id)));
        // Requests repeated after the kill are bounded by what the dead worker had in flight (4 jobs × 8).
        const repeats = received.length - PEOPLE;
        expect(repeats).toBeGreaterThanOrEqual(0);
        expect(repeats).toBeLessThanOrEqual(32);
      } finally {
        await new Promise((resolve) => gateway.close(resolve));
      }
    });
  },
);
