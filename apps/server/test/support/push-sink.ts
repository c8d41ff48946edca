import { createDecipheriv, createECDH, type ECDH, hkdfSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

// A local push service (RFC 8030): it accepts POSTs on /push/NAME and keeps them; the test decrypts them with the
// browser-side keys of the subscription (RFC 8291), as the browser would.

export interface PushReceipt {
  name: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface BrowserKeys {
  ecdh: ECDH;
  /** What a PushSubscription's toJSON() gives: base64url p256dh and auth. */
  p256dh: string;
  auth: string;
}

export function browserKeys(): BrowserKeys {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return { ecdh, p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') };
}

/** Decrypts an `aes128gcm` Web Push body (RFC 8188 framing, RFC 8291 keys) as the user agent does. */
export function decryptPush(body: Buffer, keys: BrowserKeys): string {
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idLength = body.readUInt8(20);
  const serverPublic = body.subarray(21, 21 + idLength);
  const ciphertext = body.subarray(21 + idLength);
  if (ciphertext.length > recordSize) throw new Error('more than one record');
  const shared = keys.ecdh.computeSecret(serverPublic);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), keys.ecdh.getPublicKey(), serverPublic]);
  const ikm = Buffer.from(hkdfSync('sha256', shared, Buffer.from(keys.auth, 'base64url'), keyInfo, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error('last record must end with the 0x02 delimiter');
  return padded.subarray(0, end).toString('utf8');
}

export interface PushSink {
  base: string;
  received: PushReceipt[];
  /** Answer this status for an endpoint name from now on (default 201). */
  answer(name: string, status: number): void;
  close(): Promise<void>;
}

export async function startPushSink(): Promise<PushSink> {
  const received: PushReceipt[] = [];
  const statuses = new Map<string, number>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const name = (req.url ?? '').replace(/^\/push\//, '');
      const status = statuses.get(name) ?? 201;
      if (status === 201) received.push({ name, headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo; // boundary: a TCP server listening on a port
  return {
    base: `http://127.0.0.1:${port}/push/`,
    received,
    answer: (name, status) => statuses.set(name, status),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface SmsReceipt {
  headers: IncomingHttpHeaders;
  body: { to: string; text: string; reference: string; locale: string };
  /** How many messages the request carried (1 for the one-message format). */
  batchSize: number;
}

/** A per-message answer of the batch format. */
export type SmsAnswer = 'accepted' | 'rejected' | 'retry';

/**
 * A local SMS gateway in the documented shape (docs/sms-gateway.md): one message per request, or a batch
 * (`{"messages": […]}`) answered per message. Keeps each message it accepts.
 */
export async function startSmsSink(): Promise<{
  url: string;
  received: SmsReceipt[];
  /** Batch requests received, with their message count. */
  batches: number[];
  failNext(n: number, status: number): void;
  /** The next answers for a number in a batch (then accepted). */
  answerFor(to: string, ...answers: SmsAnswer[]): void;
  close(): Promise<void>;
}> {
  const received: SmsReceipt[] = [];
  const batches: number[] = [];
  const answers = new Map<string, SmsAnswer[]>();
  let failing = 0;
  let failStatus = 503;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (failing > 0) {
        failing--;
        res.writeHead(failStatus).end();
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      if (!Array.isArray(body.messages)) {
        received.push({ headers: req.headers, body, batchSize: 1 });
        res.writeHead(202, { 'content-type': 'application/json' }).end('{"accepted":true}');
        return;
      }
      batches.push(body.messages.length);
      const results = (body.messages as SmsReceipt['body'][]).map((m) => {
        const status = answers.get(m.to)?.shift() ?? 'accepted';
        if (status === 'accepted') received.push({ headers: req.headers, body: m, batchSize: body.messages.length });
        return { reference: m.reference, status, ...(status === 'accepted' ? {} : { error: `test answer ${status}` }) };
      });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ results }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo; // boundary: a TCP server listening on a port
  return {
    url: `http://127.0.0.1:${port}/sms`,
    received,
    batches,
    failNext(n, status) {
      failing = n;
      failStatus = status;
    },
    answerFor(to, ...next) {
      answers.set(to, next);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
