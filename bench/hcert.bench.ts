import { createPrivateKey, createPublicKey, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
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
import { fmt } from './lib.ts';

const COUNT = 2_000;

/** Alternating passes per pair: an odd number, so that the median is one of them. */
const ROUNDS = Number(process.env.BENCH_HCERT_ROUNDS ?? 7);

interface Rate {
  /** Items per second of wall-clock time. */
  wall: number;
  /** Items per CPU second of this process (user + system, every thread). */
  cpu: number;
}

/** One pass over every item: items per second of wall-clock time and of this process's CPU time. */
async function pass<T>(items: readonly T[], work: (item: T) => unknown): Promise<Rate> {
  const cpuStarted = process.cpuUsage();
  const wallStarted = performance.now();
  for (const item of items) await work(item);
  const wallSeconds = (performance.now() - wallStarted) / 1000;
  const used = process.cpuUsage(cpuStarted);
  return { wall: items.length / wallSeconds, cpu: items.length / ((used.user + used.system) / 1e6) };
}

interface Paired {
  /** Median rates of the baseline's passes and of the subject's. */
  baseline: Rate;
  subject: Rate;
  /** Median over the rounds of subject ÷ baseline of the same round. */
  ratio: Rate;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/**
 * A subject beside its baseline on the same items, after a warm-up of both on the first tenth: ROUNDS rounds of
 * one baseline pass then one subject pass, each round's ratio taken within the round. The machine is shared and
 * its load changes within seconds: a baseline measured once, before or after, would be measured under another
 * load than its subject (the best of several passes, measured earlier, swung by ±0.2 between runs). Wall time
 * also counts the time this process waits for a core; CPU time does not, but counts the garbage collector's
 * helper threads (and WebCrypto's worker threads), which on an idle machine run beside the main thread.
 */
async function alternate<B, S>(
  baseline: { items: readonly B[]; work: (item: B) => unknown },
  subject: { items: readonly S[]; work: (item: S) => unknown },
): Promise<Paired> {
  for (const item of baseline.items.slice(0, baseline.items.length / 10)) await baseline.work(item);
  for (const item of subject.items.slice(0, subject.items.length / 10)) await subject.work(item);
  const base: Rate[] = [];
  const subj: Rate[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    base.push(await pass(baseline.items, baseline.work));
    subj.push(await pass(subject.items, subject.work));
  }
  const of = (rates: Rate[], key: keyof Rate) => median(rates.map((rate) => rate[key]));
  return {
    baseline: { wall: of(base, 'wall'), cpu: of(base, 'cpu') },
    subject: { wall: of(subj, 'wall'), cpu: of(subj, 'cpu') },
    ratio: {
      wall: median(subj.map((rate, i) => rate.wall / (base[i]?.wall ?? Number.NaN))),
      cpu: median(subj.map((rate, i) => rate.cpu / (base[i]?.cpu ?? Number.NaN))),
    },
  };
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

  const webOptions = { signingKey: signer.signingKey, signerCertificate: signer.certificatePem, issuedAt, expiresAt };
  const options = {
    ...webOptions,
    signingKey: importNodeSigningKey(signer.privateKeyPem),
    backend: nodeBackend,
  };
  // The server's path runs first, as a server only ever runs it: once the browser's path has also gone through
  // the same functions, their call sites see two key and backend shapes and every later run is slower.
  // The certificates to verify: one per payload (distinct UCIs), issued once before anything is measured.
  const certificates: string[] = [];
  for (const payload of payloads) certificates.push(await issueHcert(payload, options));

  const coses = certificates.map((text) => parseCoseSign1(inflateZlib(decodeBase45(text.slice(4)))));
  const toBeSigned = coses.map((cose) =>
    encodeCbor(['Signature1', cose.protectedBytes, new Uint8Array(0), cose.payload]),
  );
  const privateKey = createPrivateKey(signer.privateKeyPem);
  const publicKey = createPublicKey(signer.certificatePem);
  const p1363 = { dsaEncoding: 'ieee-p1363' } as const;
  const rawSign = {
    items: toBeSigned,
    work: (data: Uint8Array) => nodeSign('sha256', data, { key: privateKey, ...p1363 }),
  };
  const refusals = new Map<string, number>();
  const refuse = (row: string) => refusals.set(row, (refusals.get(row) ?? 0) + 1);
  // The raw verification encodes the Sig_structure in its loop (about 1 µs), as it always has, so that its
  // figures compare with the earlier ones.
  const rawVerify = {
    items: coses,
    work: (cose: (typeof coses)[number]) => {
      const data = encodeCbor(['Signature1', cose.protectedBytes, new Uint8Array(0), cose.payload]);
      if (!nodeVerify('sha256', data, { key: publicKey, ...p1363 }, cose.signature)) refuse('raw verify');
    },
  };
  const trustList = await buildTrustList([signer.certificatePem]);

  const issue = await alternate(rawSign, { items: payloads, work: (payload) => issueHcert(payload, options) });
  const verify = await alternate(rawVerify, {
    items: certificates,
    work: async (text) => {
      if (!(await verifyHcert(text, { trustList, backend: nodeBackend })).ok) refuse('nodeBackend');
    },
  });
  const webIssue = await alternate(rawSign, { items: payloads, work: (payload) => issueHcert(payload, webOptions) });
  const webVerify = await alternate(rawVerify, {
    items: certificates,
    work: async (text) => {
      if (!(await verifyHcert(text, { trustList })).ok) refuse('webBackend');
    },
  });

  const dcc = await loadDccSdk();
  const dccRefused = new Set<string>();
  let dccVerify: Paired;
  try {
    const kid = [...trustList.byKid.keys()][0] ?? '';
    const certificateBase64 = signer.certificatePem.replace(/-----[^-]+-----|\s+/g, '');
    dcc.sdk.addCachedCerts({ [kid]: certificateBase64 });
    await dcc.sdk.unpackAndVerify(certificates[0] as string);
    dccVerify = await alternate(rawVerify, {
      items: certificates,
      work: async (text) => {
        // Counted, not fatal: a certificate this library and node:crypto accept that the independent
        // implementation refuses is its defect (about one in a few thousand signatures, every time the same one).
        if ((await dcc.sdk.unpackAndVerify(text)).status !== 'verified') dccRefused.add(text);
      },
    });
  } finally {
    dcc.dispose();
  }
  if (refusals.size > 0) throw new Error(`certificates were refused: ${JSON.stringify([...refusals])}`);

  const row = (name: string, rate: Rate, ratio: Rate) =>
    `| ${name} | ${fmt(rate.wall)} /s | ${ratio.wall.toFixed(2)} | ${fmt(rate.cpu)} /s | ${ratio.cpu.toFixed(2)} |`;
  const one: Rate = { wall: 1, cpu: 1 };
  return [
    `| ${fmt(COUNT)} ES256 certificates, one after another; medians of ${ROUNDS} alternating rounds | per second | ` +
      'ratio | per CPU second | ratio (CPU) |',
    '|---|---|---|---|---|',
    row('raw node:crypto ES256 sign of the Sig_structure (baseline)', issue.baseline, one),
    row('issueHcert, nodeBackend (server): CWT, COSE_Sign1, zlib (deflate.ts), Base45', issue.subject, issue.ratio),
    row('issueHcert, webBackend (browser code): WebCrypto, fflate', webIssue.subject, webIssue.ratio),
    row('raw node:crypto ES256 verify of the same signatures (baseline)', verify.baseline, one),
    row(
      'verifyHcert, nodeBackend: full chain, trust list, key usage, validity, DCC schema',
      verify.subject,
      verify.ratio,
    ),
    row('verifyHcert, webBackend (the verifier page code): WebCrypto, fflate', webVerify.subject, webVerify.ratio),
    row(
      `@pathcheck/dcc-sdk unpackAndVerify (independent implementation; refused ${dccRefused.size} of ${fmt(COUNT)})`,
      dccVerify.subject,
      dccVerify.ratio,
    ),
  ].join('\n');
}
