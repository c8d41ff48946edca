import { createPrivateKey, createPublicKey, sign as rawSign, verify as rawVerify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadDccSdk } from '../apps/server/test/support/dcc-sdk.ts';
import {
  buildTrustList,
  decodeBase45,
  encodeCbor,
  inflateZlib,
  issueHcert,
  type JsonValue,
  parseCoseSign1,
  verifyHcert,
} from '../packages/hcert/src/index.ts';
import { importNodeSigningKey, nodeBackend } from '../packages/hcert/src/node.ts';
import { buildSigner } from '../packages/hcert/test/signer.factory.ts';
import { fmt, ratio } from './lib.ts';

const COUNT = 2_000;

const ROUNDS = 3;

interface Rate {
  /** Items per second of wall-clock time. */
  wall: number;
  /** Items per CPU second of this process (user + system, every thread). */
  cpu: number;
}

/**
 * Runs `work` over every item: after a warm-up on the first tenth (JIT, caches), the best of ROUNDS passes, both by
 * wall-clock time and by this process's CPU time (garbage collection and WebCrypto's worker threads included).
 * The machine is shared: wall time also counts the time this process waits for a core while others run, which
 * weighs on each row differently; CPU time does not, but it also counts the garbage collector's helper threads,
 * which on an idle machine run beside the main thread at no wall-clock cost.
 */
async function perSecond<T>(items: readonly T[], work: (item: T) => unknown): Promise<Rate> {
  for (const item of items.slice(0, items.length / 10)) await work(item);
  const best: Rate = { wall: 0, cpu: 0 };
  for (let round = 0; round < ROUNDS; round++) {
    const cpuStarted = process.cpuUsage();
    const wallStarted = performance.now();
    for (const item of items) await work(item);
    const wallSeconds = (performance.now() - wallStarted) / 1000;
    const used = process.cpuUsage(cpuStarted);
    best.wall = Math.max(best.wall, items.length / wallSeconds);
    best.cpu = Math.max(best.cpu, items.length / ((used.user + used.system) / 1e6));
  }
  return best;
}

/**
 * Health certificates through the whole chain, each beside raw node:crypto ES256 on the same bytes, with the
 * server's backend (node:crypto; zlib by deflate.ts and inflate.ts, node:zlib for what they leave) and the
 * browser's (WebCrypto, fflate): issuing
 * (payload → CWT → COSE_Sign1 → zlib → Base45) against signing the Sig_structure, and verifying (Base45 → zlib →
 * COSE → signature against the trust list → key usage → validity → DCC schema) against verifying the same
 * signatures. PathCheck's @pathcheck/dcc-sdk verifies the same certificates side by side.
 */
export async function hcertBench(): Promise<string> {
  const fixture = JSON.parse(
    readFileSync(new URL('../packages/hcert/test/fixtures/dcc/UA/2DCode/raw/1.json', import.meta.url), 'utf8'),
  );
  const signer = await buildSigner('ES256');
  const issuedAt = new Date();
  const expiresAt = new Date(issuedAt.getTime() + 180 * 24 * 3600_000);
  const payloads: JsonValue[] = Array.from({ length: COUNT }, (_, i) => {
    const payload = structuredClone(fixture.JSON) as { v: { ci: string }[] };
    const entry = payload.v[0];
    if (entry) entry.ci = `URN:UVCI:01:CN:HWBENCH${String(i).padStart(8, '0')}#A`;
    return payload as unknown as JsonValue;
  });

  // Warm every path first (JIT, schema compilation, key import).
  const webOptions = { signingKey: signer.signingKey, signerCertificate: signer.certificatePem, issuedAt, expiresAt };
  const options = {
    ...webOptions,
    signingKey: importNodeSigningKey(signer.privateKeyPem),
    backend: nodeBackend,
  };
  // The server's path runs first, as a server only ever runs it: once the browser's path has also gone through
  // the same functions, their call sites see two key and backend shapes and every later run is slower.
  await issueHcert(payloads[0] as JsonValue, options);
  const certificates: string[] = [];
  const issueRate = await perSecond(payloads, async (payload) => {
    certificates.push(await issueHcert(payload, options));
  });
  // Keep the first round's 2,000 (distinct UCIs): drop the warm-up's before them and the repeats after.
  certificates.splice(0, COUNT / 10);
  certificates.splice(COUNT);
  const webIssueRate = await perSecond(payloads, (payload) => issueHcert(payload, webOptions));

  const coses = certificates.map((text) => parseCoseSign1(inflateZlib(decodeBase45(text.slice(4)))));
  const toBeSigned = coses.map((cose) =>
    encodeCbor(['Signature1', cose.protectedBytes, new Uint8Array(0), cose.payload]),
  );
  const privateKey = createPrivateKey(signer.privateKeyPem);
  const publicKey = createPublicKey(signer.certificatePem);
  const p1363 = { dsaEncoding: 'ieee-p1363' } as const;
  const rawSignRate = await perSecond(toBeSigned, (data) => rawSign('sha256', data, { key: privateKey, ...p1363 }));

  const trustList = await buildTrustList([signer.certificatePem]);
  let refused = 0;
  const verifyRate = await perSecond(certificates, async (text) => {
    if (!(await verifyHcert(text, { trustList, backend: nodeBackend })).ok) refused++;
  });
  const webVerifyRate = await perSecond(certificates, async (text) => {
    if (!(await verifyHcert(text, { trustList })).ok) refused++;
  });
  const rawVerifyRate = await perSecond(coses, (cose) => {
    const data = encodeCbor(['Signature1', cose.protectedBytes, new Uint8Array(0), cose.payload]);
    if (!rawVerify('sha256', data, { key: publicKey, ...p1363 }, cose.signature)) refused++;
  });

  const dcc = await loadDccSdk();
  let dccRate: Rate = { wall: 0, cpu: 0 };
  try {
    const kid = [...trustList.byKid.keys()][0] ?? '';
    const certificateBase64 = signer.certificatePem.replace(/-----[^-]+-----|\s+/g, '');
    dcc.sdk.addCachedCerts({ [kid]: certificateBase64 });
    await dcc.sdk.unpackAndVerify(certificates[0] as string);
    dccRate = await perSecond(certificates, async (text) => {
      if ((await dcc.sdk.unpackAndVerify(text)).status !== 'verified') refused++;
    });
  } finally {
    dcc.dispose();
  }
  if (refused > 0) throw new Error(`${refused} certificates were refused`);

  const row = (name: string, rate: Rate, baseline: Rate) =>
    `| ${name} | ${fmt(rate.wall)} /s | ${ratio(rate.wall, baseline.wall)} | ${fmt(rate.cpu)} /s | ${ratio(rate.cpu, baseline.cpu)} |`;
  return [
    `| ${fmt(COUNT)} ES256 certificates, one after another | per second | ratio | per CPU second | ratio (CPU) |`,
    '|---|---|---|---|---|',
    row('raw node:crypto ES256 sign of the Sig_structure (baseline)', rawSignRate, rawSignRate),
    row('issueHcert, nodeBackend (server): CWT, COSE_Sign1, zlib (deflate.ts), Base45', issueRate, rawSignRate),
    row('issueHcert, webBackend (browser code): WebCrypto, fflate', webIssueRate, rawSignRate),
    row('raw node:crypto ES256 verify of the same signatures (baseline)', rawVerifyRate, rawVerifyRate),
    row('verifyHcert, nodeBackend: full chain, trust list, key usage, validity, DCC schema', verifyRate, rawVerifyRate),
    row('verifyHcert, webBackend (the verifier page code): WebCrypto, fflate', webVerifyRate, rawVerifyRate),
    row('@pathcheck/dcc-sdk unpackAndVerify (independent implementation)', dccRate, rawVerifyRate),
  ].join('\n');
}
