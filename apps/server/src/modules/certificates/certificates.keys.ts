// @peculiar/x509 decorates its ASN.1 classes and needs the Reflect metadata polyfill loaded first.
import 'reflect-metadata';
import type { webcrypto } from 'node:crypto';
import { CSCA_HANDOVER_FORMAT, type CscaHandover, computeKid, type SigningKey } from '@homeward/hcert';
import { importNodeSigningKey } from '@homeward/hcert/node';
import * as x509 from '@peculiar/x509';
import { isoNow, newId } from '../../clock.ts';
import type { Config } from '../../config.ts';
import { dialectOf } from '../../db/dialect/dialect.ts';
import type { Db } from '../../db/schema.ts';
import type { SignerKind } from '../../db/tables/certificates.table.ts';
import { type AuditSource, appendAudit } from '../audit/audit.service.ts';
import { deriveConfiguredKey } from '../auth/server-secret.ts';
import { sealPrivateKey, unsealPrivateKey } from './certificates.keys.seal.ts';
import { findSignerInSlot, insertSigner, retireSigner, type SignerRow } from './certificates.repo.ts';

x509.cryptoProvider.set(globalThis.crypto);

const DAY_MS = 24 * 3600 * 1000;
/** A CSCA lives five years; a DSC two, but signs only during its first year (EU DCC practice), so the
 * certificates it signed, valid up to a year, always expire before it does. */
export const CSCA_VALIDITY_DAYS = 5 * 365;
export const DSC_VALIDITY_DAYS = 2 * 365;
export const DSC_SIGNING_DAYS = 365;

/** Extended key usages of a DCC signer: test, vaccination, recovery. */
export const DCC_KEY_USAGE_OIDS = [
  '1.3.6.1.4.1.1847.2021.1.1',
  '1.3.6.1.4.1.1847.2021.1.2',
  '1.3.6.1.4.1.1847.2021.1.3',
] as const;

const EC_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const ECDSA_SHA256 = { name: 'ECDSA', hash: 'SHA-256' } as const;
const SEAL_PURPOSE = 'certificate-signing-keys';
// Names the advisory lock that serializes key creation and rotation on PostgreSQL ("HWKS").
const SIGNER_LOCK = 0x48_57_4b_53;

export interface GeneratedSigner {
  kind: SignerKind;
  subject: string;
  certificateDer: Uint8Array;
  pkcs8: Uint8Array;
  notBefore: Date;
  notAfter: Date;
}

export interface SignerIdentity {
  country: string;
  organisation: string;
}

type CryptoKey = webcrypto.CryptoKey;
type KeyPair = webcrypto.CryptoKeyPair;

async function newKeyPair(): Promise<KeyPair> {
  // WebCrypto types generateKey for ECDSA as a key pair; the cast names that for TypeScript.
  return (await globalThis.crypto.subtle.generateKey(EC_P256, true, ['sign', 'verify'])) as KeyPair;
}

function nameOf(commonName: string, identity: SignerIdentity): x509.JsonName {
  return [{ CN: [commonName] }, { O: [identity.organisation] }, { C: [identity.country] }];
}

async function exportPkcs8(key: CryptoKey): Promise<Uint8Array> {
  return new Uint8Array(await globalThis.crypto.subtle.exportKey('pkcs8', key));
}

/** A self-signed country signing CA on P-256 that may only sign certificates (path length 0). */
export async function generateCsca(identity: SignerIdentity, now: Date): Promise<GeneratedSigner> {
  const keys = await newKeyPair();
  const notAfter = new Date(now.getTime() + CSCA_VALIDITY_DAYS * DAY_MS);
  // To the second: a CSCA replaced on the day it was made must not share its successor's name.
  const subject = `Homeward CSCA ${identity.country} ${now.toISOString().slice(0, 19)}Z`;
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    name: nameOf(subject, identity),
    notBefore: now,
    notAfter,
    signingAlgorithm: ECDSA_SHA256,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return {
    kind: 'csca',
    subject,
    certificateDer: new Uint8Array(certificate.rawData),
    pkcs8: await exportPkcs8(keys.privateKey),
    notBefore: now,
    notAfter,
  };
}

/** A document signer on P-256, issued by the CSCA, allowed to sign test, vaccination and recovery certificates. */
export async function generateDsc(
  identity: SignerIdentity,
  csca: { certificateDer: Uint8Array; pkcs8: Uint8Array },
  now: Date,
): Promise<GeneratedSigner> {
  const keys = await newKeyPair();
  // Copies typed as plain ArrayBuffer views, which the DOM typings of BufferSource insist on.
  const issuer = new x509.X509Certificate(new Uint8Array(csca.certificateDer));
  const issuerKey = await globalThis.crypto.subtle.importKey('pkcs8', new Uint8Array(csca.pkcs8), EC_P256, false, [
    'sign',
  ]);
  const notAfter = new Date(Math.min(now.getTime() + DSC_VALIDITY_DAYS * DAY_MS, issuer.notAfter.getTime()));
  const subject = `Homeward DSC ${identity.country} ${now.toISOString().slice(0, 19)}Z`;
  const certificate = await x509.X509CertificateGenerator.create({
    subject: nameOf(subject, identity),
    issuer: issuer.subjectName,
    notBefore: now,
    notAfter,
    signingAlgorithm: ECDSA_SHA256,
    publicKey: keys.publicKey,
    signingKey: issuerKey,
    extensions: [
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([...DCC_KEY_USAGE_OIDS], false),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(issuer),
    ],
  });
  return {
    kind: 'dsc',
    subject,
    certificateDer: new Uint8Array(certificate.rawData),
    pkcs8: await exportPkcs8(keys.privateKey),
    notBefore: now,
    notAfter,
  };
}

/** The signer the issuing service uses: its certificate, kid and imported private key. */
export interface ActiveSigner {
  id: string;
  kid: string;
  certificateDer: Uint8Array;
  notBefore: Date;
  notAfter: Date;
  signingKey: SigningKey;
}

const importedKeys = new Map<string, Promise<SigningKey>>();

async function sealKey(db: Db, config: Pick<Config, 'secret'>): Promise<Buffer> {
  return deriveConfiguredKey(db, config, SEAL_PURPOSE);
}

/** Decrypts a signer's private key (PKCS#8). Throws when the server secret changed since it was sealed. */
export async function openSignerKey(db: Db, config: Pick<Config, 'secret'>, row: SignerRow): Promise<Uint8Array> {
  return unsealPrivateKey(await sealKey(db, config), row.privateKey, row.id);
}

async function storeSigner(
  db: Db,
  config: Pick<Config, 'secret'>,
  generated: GeneratedSigner,
  issuerId: string | null,
  handover: string | null = null,
): Promise<SignerRow> {
  const id = newId();
  const row: SignerRow = {
    id,
    kind: generated.kind,
    slot: generated.kind,
    kid: Buffer.from(await computeKid(generated.certificateDer)).toString('base64'),
    subject: generated.subject,
    certificate: Buffer.from(generated.certificateDer).toString('base64'),
    privateKey: sealPrivateKey(await sealKey(db, config), generated.pkcs8, id),
    issuerId,
    notBefore: generated.notBefore.toISOString(),
    notAfter: generated.notAfter.toISOString(),
    createdAt: isoNow(),
    retiredAt: null,
    handover,
  };
  await insertSigner(db, row);
  return row;
}

/** Whether a signer may still sign today; a CSCA must also outlive a new DSC's signing year. */
function usable(row: SignerRow, now: Date): boolean {
  const age = now.getTime() - Date.parse(row.notBefore);
  if (row.kind === 'dsc') return age < DSC_SIGNING_DAYS * DAY_MS && Date.parse(row.notAfter) > now.getTime();
  return Date.parse(row.notAfter) - now.getTime() > DSC_VALIDITY_DAYS * DAY_MS;
}

/**
 * A compact JWS (RFC 7515) over `content`'s JSON, ES256, with the signer's certificate in x5c: the form of the
 * signed trust list and of the CSCA hand-over statement.
 */
export async function signCompactJws(key: SigningKey, signer: SignerRow, content: unknown): Promise<string> {
  const base64url = (data: Uint8Array | string) => Buffer.from(data).toString('base64url');
  const header = { alg: 'ES256', typ: 'JOSE', kid: signer.kid, x5c: [signer.certificate] };
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(content))}`;
  return `${input}.${base64url(await key.sign(new TextEncoder().encode(input)))}`;
}

/**
 * Makes a new CSCA and retires the one in use, which first signs the hand-over statement naming its successor:
 * a verifier that pinned the old CSCA checks the statement against its pin and moves on (decision 0009). The
 * old CSCA stays in the trust list until it expires, so the DSCs it issued keep verifying.
 */
async function replaceCsca(db: Db, config: Config, source: AuditSource, now: Date, reason: string): Promise<SignerRow> {
  const current = await findSignerInSlot(db, 'csca');
  const generated = await generateCsca(identityOf(config), now);
  let handover: string | null = null;
  if (current) {
    const key = importNodeSigningKey(await openSignerKey(db, config, current));
    const statement: CscaHandover = {
      format: CSCA_HANDOVER_FORMAT,
      previous: current.certificate,
      next: Buffer.from(generated.certificateDer).toString('base64'),
      issuedAt: now.toISOString(),
    };
    handover = await signCompactJws(key, current, statement);
    await retireSigner(db, current.id, now.toISOString());
  }
  const row = await storeSigner(db, config, generated, null, handover);
  await appendAudit(db, source, {
    action: current ? 'certificate.csca_rotate' : 'certificate.signer_create',
    record: { type: 'certificate_signer', id: row.id },
    ...(current ? { reason } : {}),
    details: { kind: 'csca', kid: row.kid, replaced: current?.kid ?? null, notAfter: row.notAfter },
  });
  return row;
}

async function cscaFor(db: Db, config: Config, source: AuditSource, now: Date): Promise<SignerRow> {
  const current = await findSignerInSlot(db, 'csca');
  if (current && usable(current, now)) return current;
  return replaceCsca(db, config, source, now, 'the country signing CA would not outlive a new document signer');
}

/**
 * Replaces the CSCA in use (HQ, with a reason) and then the DSC, so that new certificates chain to the new CSCA.
 * The replaced CSCA signs the hand-over statement. Call inside a transaction.
 */
export async function rotateCsca(
  db: Db,
  config: Config,
  source: AuditSource,
  reason: string,
): Promise<{ csca: SignerRow; dsc: SignerRow }> {
  await dialectOf(db).lockChain(db, SIGNER_LOCK);
  const csca = await replaceCsca(db, config, source, new Date(), reason);
  const dsc = await rotateDsc(db, config, source, `${reason} (new country signing CA)`);
  return { csca, dsc };
}

export function identityOf(config: Config): SignerIdentity {
  return { country: config.state.code, organisation: config.state.ministry.en };
}

/**
 * Replaces the DSC in use with a new one (and the CSCA too when it would not outlive it). The old DSC keeps
 * its row and stays in the trust list while certificates it signed are valid. Call inside a transaction.
 */
export async function rotateDsc(db: Db, config: Config, source: AuditSource, reason: string): Promise<SignerRow> {
  await dialectOf(db).lockChain(db, SIGNER_LOCK);
  const now = new Date();
  const csca = await cscaFor(db, config, source, now);
  const old = await findSignerInSlot(db, 'dsc');
  if (old) await retireSigner(db, old.id, now.toISOString());
  const pkcs8 = await openSignerKey(db, config, csca);
  const generated = await generateDsc(identityOf(config), { certificateDer: derOf(csca), pkcs8 }, now);
  const row = await storeSigner(db, config, generated, csca.id);
  await appendAudit(db, source, {
    action: 'certificate.signer_rotate',
    record: { type: 'certificate_signer', id: row.id },
    reason,
    details: { kid: row.kid, replaced: old?.kid ?? null, notAfter: row.notAfter },
  });
  return row;
}

export function derOf(row: SignerRow): Uint8Array {
  return new Uint8Array(Buffer.from(row.certificate, 'base64'));
}

/**
 * The DSC to sign with now: the one in use, or a new one when there is none yet or its signing year is over.
 * Call inside the issuing transaction, so a rotation and the certificate it signs commit together.
 */
export async function activeSigner(db: Db, config: Config, source: AuditSource): Promise<ActiveSigner> {
  const now = new Date();
  // Two first issuances at once on PostgreSQL would both make keys; the lock lets the second find the first's.
  await dialectOf(db).lockChain(db, SIGNER_LOCK);
  let row = await findSignerInSlot(db, 'dsc');
  if (!row || !usable(row, now)) {
    row = await rotateDsc(db, config, source, row ? 'the signing year of the document signer ended' : 'first signer');
  }
  const signer = row;
  let key = importedKeys.get(signer.id);
  if (!key) {
    // node:crypto on the server (decision 0004): several times faster than WebCrypto per signature.
    key = openSignerKey(db, config, signer).then((pkcs8) => importNodeSigningKey(pkcs8));
    importedKeys.set(signer.id, key);
    key.catch(() => importedKeys.delete(signer.id));
  }
  return {
    id: signer.id,
    kid: signer.kid,
    certificateDer: derOf(signer),
    notBefore: new Date(signer.notBefore),
    notAfter: new Date(signer.notAfter),
    signingKey: await key,
  };
}
