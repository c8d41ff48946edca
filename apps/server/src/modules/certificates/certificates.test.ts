import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { createHash, verify as cryptoVerify, X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  followCscaHandovers,
  readBusinessRules,
  readVerifierLists,
  verifySignedList,
  verifyWithLists,
} from '@homeward/hcert';
import * as x509 from '@peculiar/x509';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, JSON_WRITE, signInAs } from '../../../test/support/app.ts';
import { describeEachDialect } from '../../../test/support/db.ts';
import { isoNow, newId } from '../../clock.ts';
import type { App } from '../../http/app-types.ts';
import { DEMO_PASSWORD } from '../demo/demo.accounts.ts';
import { insertPersons } from '../registry/registry.repo.ts';
import { parseDetachedCms } from './certificates.cms.ts';
import { openSignerKey } from './certificates.keys.ts';

// OpenSSL, when the machine has it, judges the gateway's CMS signatures too (an independent CMS implementation).
const OPENSSL = ['/usr/bin/openssl', '/usr/local/bin/openssl'].find(
  (path) => spawnSync(path, ['version']).status === 0,
);

const email = (name: string) => `${name}@demo.homeward.example`;

const vaccination = (personId?: string) => ({
  type: 'v',
  ...(personId ? { personId } : {}),
  holder: {
    familyName: '张',
    givenName: '三丰',
    familyNameLatin: 'Zhang',
    givenNameLatin: 'San Feng',
    birthDate: '1980-04-12',
  },
  vaccination: { vp: 'J07BX03', mp: 'EU/1/20/1528', ma: 'ORG-100030215', dn: 2, sd: 2, dt: '2026-10-01', co: 'CN' },
});

describeEachDialect('health certificates: issue, trust list, verify, revoke', (getDb) => {
  let app: App;
  const cookies: Record<string, string> = {};
  let personId: string;

  beforeAll(async () => {
    app = await buildTestApp(getDb());
    for (const who of ['health', 'admin', 'agent', 'citizen']) {
      cookies[who] = await signInAs(app, email(who), DEMO_PASSWORD);
    }
    const citizen = await app.ctx.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', email('citizen'))
      .executeTakeFirstOrThrow();
    // The demo seed may already register the demo citizen; otherwise the test does.
    const existing = await app.ctx.db
      .selectFrom('persons')
      .select('id')
      .where('userId', '=', citizen.id)
      .executeTakeFirst();
    personId = existing?.id ?? newId();
    if (!existing) {
      await insertPersons(app.ctx.db, [
        {
          id: personId,
          userId: citizen.id,
          familyName: 'ZHANG',
          givenName: 'SANFENG',
          locale: 'zh-CN',
          createdAt: isoNow(),
          updatedAt: isoNow(),
        },
      ]);
    }
  });
  afterAll(async () => {
    await app.close();
  });

  const issue = (who: string, payload: unknown) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/certificates',
      headers: { ...JSON_WRITE, cookie: cookies[who] as string },
      payload: payload as Record<string, unknown>,
    });
  const revoke = (who: string, id: string, reason: string) =>
    app.inject({
      method: 'POST',
      url: `/api/v1/certificates/${id}/revoke`,
      headers: { ...JSON_WRITE, cookie: cookies[who] as string },
      payload: { reason },
    });
  /** What an offline verifier would say, using only the two public lists. */
  const verify = async (hc1: string) => {
    const trust = await app.inject('/api/v1/certificates/trust-list');
    const revocation = await app.inject('/api/v1/certificates/revocation-list');
    return verifyWithLists(hc1, await readVerifierLists(trust.json(), revocation.json()));
  };
  const counts = async () => ({
    certificates: Number(
      (
        await app.ctx.db
          .selectFrom('healthCertificates')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
    audit: Number(
      (
        await app.ctx.db
          .selectFrom('auditLog')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
  });

  it('issues a vaccination certificate that verifies with the public trust list, then revoked is refused', async () => {
    const response = await issue('health', vaccination(personId));
    expect(response.statusCode, response.body).toBe(201);
    const certificate = response.json();
    expect(certificate.hc1).toMatch(/^HC1:/);
    expect(certificate.uci).toMatch(/^URN:UVCI:01:CN:HW[0-9A-Z]{24}#[0-9A-Z/:]$/);
    expect(certificate.status).toBe('valid');
    expect(certificate.holder).toMatchObject({ familyNameStd: 'ZHANG', givenNameStd: 'SAN<FENG' });

    const verdict = await verify(certificate.hc1);
    expect(verdict).toMatchObject({ ok: true, certificateType: 'v', issuer: 'CN' });
    if (!verdict.ok) return;
    expect(verdict.payload).toMatchObject({
      ver: '1.3.0',
      nam: { fn: '张', fnt: 'ZHANG', gn: '三丰', gnt: 'SAN<FENG' },
      dob: '1980-04-12',
      v: [
        { tg: '840539006', mp: 'EU/1/20/1528', dn: 2, sd: 2, ci: certificate.uci, is: 'Ministry of Foreign Affairs' },
      ],
    });

    const audit = await app.ctx.db.selectFrom('auditLog').selectAll().where('recordId', '=', certificate.id).execute();
    expect(audit.map((entry) => entry.action)).toEqual(['certificate.issue']);

    const revoked = await revoke('admin', certificate.id, 'issued to the wrong person');
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json()).toMatchObject({ status: 'revoked', revocationReason: 'issued to the wrong person' });
    expect(await verify(certificate.hc1)).toMatchObject({ ok: false, code: 'revoked' });
    expect((await revoke('health', certificate.id, 'again')).statusCode).toBe(409);
    const actions = await app.ctx.db
      .selectFrom('auditLog')
      .select(['action', 'reason'])
      .where('recordId', '=', certificate.id)
      .orderBy('seq')
      .execute();
    expect(actions).toEqual([
      { action: 'certificate.issue', reason: null },
      { action: 'certificate.revoke', reason: 'issued to the wrong person' },
    ]);
  });

  it('signs test and recovery certificates the trust list accepts, and a tampered one is refused', async () => {
    const sampled = new Date(Date.now() - 3600_000).toISOString();
    const test = await issue('health', {
      type: 't',
      holder: { familyName: 'Müller-Lüdenscheidt', givenName: 'Jürgen', birthDate: '1975' },
      test: { tt: 'LP6464-4', nm: 'PCR', sc: sampled, tr: '260415000', tc: 'Beijing Airport Test Centre', co: 'CN' },
    });
    expect(test.statusCode, test.body).toBe(201);
    expect(test.json().holder).toMatchObject({ familyNameStd: 'MUELLER<LUEDENSCHEIDT', givenNameStd: 'JUERGEN' });
    expect(Date.parse(test.json().expiresAt)).toBe(Math.floor((Date.parse(sampled) + 72 * 3600_000) / 1000) * 1000);
    expect(await verify(test.json().hc1)).toMatchObject({ ok: true, certificateType: 't' });

    const recovery = await issue('health', {
      type: 'r',
      holder: { familyName: 'Li', birthDate: '1990-01-31' },
      recovery: { fr: '2026-11-01', df: '2026-11-12', du: '2027-04-30', co: 'CN' },
    });
    expect(recovery.statusCode, recovery.body).toBe(201);
    expect(recovery.json().expiresAt).toBe('2027-04-30T23:59:59.000Z');
    expect(await verify(recovery.json().hc1)).toMatchObject({ ok: true, certificateType: 'r' });

    const hc1: string = recovery.json().hc1;
    const flipped = `${hc1.slice(0, 40)}${hc1.charAt(40) === 'A' ? 'B' : 'A'}${hc1.slice(41)}`;
    expect((await verify(flipped)).ok).toBe(false);
  });

  it('refuses bad requests with field errors and changes nothing', async () => {
    const before = await counts();
    const bad = [
      [{ ...vaccination(), vaccination: { ...vaccination().vaccination, mp: 'EU/9/99/9999' } }, '/vaccination/mp'],
      [{ ...vaccination(), type: 't' }, '/test'],
      [{ ...vaccination(), holder: { familyName: '张', birthDate: '1980-04-12' } }, '/holder/familyNameLatin'],
      [{ ...vaccination(), vaccination: { ...vaccination().vaccination, dt: '2999-01-01' } }, '/vaccination/dt'],
      [vaccination('0190f0e4-0000-7000-8000-000000000000'), '/personId'],
      [
        {
          type: 't',
          holder: { familyName: 'Li', birthDate: '1990' },
          test: { tt: 'LP217198-3', sc: new Date(Date.now() - 96 * 3600_000).toISOString(), tr: '260415000', co: 'CN' },
        },
        '/test/ma',
      ],
      [{ ...vaccination(), holder: { familyName: 'Li', birthDate: '31.01.1990' } }, '/holder/birthDate'],
      [{ ...vaccination(), extra: true }, ''],
    ] as const;
    for (const [payload, field] of bad) {
      const response = await issue('health', payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      if (field) {
        expect(response.json().errors.map((e: { field: string }) => e.field)).toContain(field);
      }
    }
    expect((await issue('admin', vaccination())).statusCode).toBe(403);
    expect((await issue('citizen', vaccination())).statusCode).toBe(403);
    const id = (await app.ctx.db.selectFrom('healthCertificates').select('id').executeTakeFirstOrThrow()).id;
    expect((await revoke('health', id, '')).statusCode).toBe(400);
    expect((await revoke('agent', id, 'not my job')).statusCode).toBe(403);
    expect((await revoke('health', '0190f0e4-0000-7000-8000-000000000000', 'no such')).statusCode).toBe(404);
    expect(await counts()).toEqual(before);
  });

  it('shows the citizen their own certificates only, and issuers can search by name or UCI', async () => {
    const own = (await issue('health', vaccination(personId))).json();
    const other = (
      await issue('health', { ...vaccination(), holder: { familyName: 'Wang', birthDate: '2001' } })
    ).json();
    const mine = await app.inject({ url: '/api/v1/certificates/mine', headers: { cookie: cookies.citizen as string } });
    expect(mine.statusCode).toBe(200);
    const ids = mine.json().map((c: { id: string }) => c.id);
    expect(ids).toContain(own.id);
    expect(ids).not.toContain(other.id);
    const view = (who: string, id: string) =>
      app.inject({ url: `/api/v1/certificates/${id}`, headers: { cookie: cookies[who] as string } });
    expect((await view('citizen', own.id)).statusCode).toBe(200);
    expect((await view('citizen', other.id)).statusCode).toBe(404);
    expect((await view('agent', own.id)).statusCode).toBe(403);
    expect((await view('health', other.id)).json().uci).toBe(other.uci);

    const search = async (q: string) =>
      (
        await app.inject({
          url: `/api/v1/certificates?q=${encodeURIComponent(q)}`,
          headers: { cookie: cookies.health as string },
        })
      ).json();
    await expect(search('wang').then((page) => page.items.map((c: { id: string }) => c.id))).resolves.toEqual([
      other.id,
    ]);
    expect((await search(own.uci)).items.map((c: { id: string }) => c.id)).toEqual([own.id]);
    expect((await search('zh')).total).toBeGreaterThanOrEqual(2);
  });

  it('lets a health issuer find the registered person by passport number, audited', async () => {
    await app.ctx.db.updateTable('persons').set({ passportNumber: 'E98765432' }).where('id', '=', personId).execute();
    const lookup = (who: string, number: string) =>
      app.inject({
        url: `/api/v1/certificates/holders?passportNumber=${encodeURIComponent(number)}`,
        headers: { cookie: cookies[who] as string },
      });
    const found = await lookup('health', 'e9876 5432');
    expect(found.statusCode).toBe(200);
    expect(found.json()).toEqual([expect.objectContaining({ personId, passportNumber: 'E98765432' })]);
    expect((await lookup('health', 'X00000000')).json()).toEqual([]);
    const audit = await app.ctx.db
      .selectFrom('auditLog')
      .select(['action', 'recordId'])
      .where('action', '=', 'certificate.holder_lookup')
      .orderBy('seq')
      .execute();
    expect(audit).toEqual([
      { action: 'certificate.holder_lookup', recordId: personId },
      { action: 'certificate.holder_lookup', recordId: null },
    ]);
    expect((await lookup('admin', 'E98765432')).statusCode).toBe(403);
    expect((await lookup('citizen', 'E98765432')).statusCode).toBe(403);
    expect((await lookup('health', 'E1')).statusCode).toBe(400);
  });

  it('serves the lists with an ETag and answers 304 to a verifier whose copy is current', async () => {
    for (const url of ['/api/v1/certificates/trust-list', '/api/v1/certificates/revocation-list']) {
      const first = await app.inject(url);
      expect(first.statusCode).toBe(200);
      expect(first.headers['cache-control']).toContain('public');
      const etag = first.headers.etag as string;
      expect(etag).toMatch(/^".+"$/);
      const again = await app.inject({ url, headers: { 'if-none-match': etag } });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
    }
    const trust = (await app.inject('/api/v1/certificates/trust-list')).json();
    expect(JSON.stringify(trust)).not.toMatch(/ZHANG|张/);
  });

  it('serves the trust list signed by the CSCA (JWS) and the DSCs in the DCC gateway shape', async () => {
    const plain = (await app.inject('/api/v1/certificates/trust-list')).json();
    const csca = plain.certificates.find((c: { certificateType: string }) => c.certificateType === 'CSCA');
    const signed = await app.inject('/api/v1/certificates/trust-list/signed');
    expect(signed.statusCode, signed.body).toBe(200);
    const { jws } = signed.json();
    const verified = await verifySignedList(jws, { pinned: csca.certificate });
    expect(verified.content).toEqual(plain);
    expect(verified.signerCertificate).toBe(csca.certificate);
    // Every published document signer chains to the CSCA, as the verifier page requires.
    const published = plain.certificates.filter((c: { certificateType: string }) => c.certificateType === 'DSC');
    const chained = await readVerifierLists(verified.content, { hashType: 'UCI', hashes: [] }, { requireChain: true });
    expect(chained.trustList.byKid.size).toBe(published.length);
    expect(published.length).toBeGreaterThan(0);
    // Same list, same signature: the ETag lets a verifier revalidate for free.
    const again = await app.inject({
      url: '/api/v1/certificates/trust-list/signed',
      headers: { 'if-none-match': signed.headers.etag as string },
    });
    expect(again.statusCode).toBe(304);
    // A changed content, another pinned CA or a changed signature is refused.
    const [header, payload, signature] = jws.split('.');
    const forged = Buffer.from(JSON.stringify({ ...plain, certificates: [] })).toString('base64url');
    await expect(verifySignedList(`${header}.${forged}.${signature}`)).rejects.toMatchObject({ code: 'signature' });
    const dsc = plain.certificates.find((c: { certificateType: string }) => c.certificateType === 'DSC');
    await expect(verifySignedList(jws, { pinned: dsc.certificate })).rejects.toMatchObject({ code: 'signature' });
    const flipped = Buffer.from(signature, 'base64url');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    await expect(verifySignedList(`${header}.${payload}.${flipped.toString('base64url')}`)).rejects.toMatchObject({
      code: 'signature',
    });

    const gateway = await app.inject('/api/v1/certificates/trust-list/dcc-gateway');
    expect(gateway.statusCode).toBe(200);
    const items = gateway.json();
    const dscs = plain.certificates.filter((c: { certificateType: string }) => c.certificateType === 'DSC');
    expect(items.map((item: { kid: string }) => item.kid)).toEqual(dscs.map((c: { kid: string }) => c.kid));
    const cscaKey = new X509Certificate(Buffer.from(csca.certificate, 'base64')).publicKey;
    for (const item of items) {
      const der = Buffer.from(item.rawData, 'base64');
      expect(item).toMatchObject({ certificateType: 'DSC', country: 'CN' });
      expect(item.thumbprint).toBe(createHash('sha256').update(der).digest('hex'));
      // A detached CMS SignedData by the CSCA over the DSC's DER, as the DCC gateway publishes.
      const cms = parseDetachedCms(Buffer.from(item.signature, 'base64'));
      expect(Buffer.from(cms.signerCertificateDer).toString('base64')).toBe(csca.certificate);
      expect(Buffer.from(cms.messageDigest)).toEqual(createHash('sha256').update(der).digest());
      expect(cryptoVerify('sha256', cms.signedBytes, cscaKey, cms.signature)).toBe(true);
      const tampered = Buffer.from(der);
      tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 1;
      expect(Buffer.from(cms.messageDigest)).not.toEqual(createHash('sha256').update(tampered).digest());
      if (OPENSSL) {
        // OpenSSL's own CMS reader checks it end to end: digest, signature and the chain to the CSCA given as CA.
        const dir = mkdtempSync(join(tmpdir(), 'hw-cms-'));
        try {
          writeFileSync(join(dir, 'sig.der'), Buffer.from(item.signature, 'base64'));
          writeFileSync(join(dir, 'dsc.der'), der);
          writeFileSync(join(dir, 'tampered.der'), tampered);
          writeFileSync(join(dir, 'csca.pem'), new X509Certificate(Buffer.from(csca.certificate, 'base64')).toString());
          const verifyWith = (content: string) =>
            spawnSync(OPENSSL, [
              'cms',
              '-verify',
              '-binary',
              '-inform',
              'DER',
              '-in',
              join(dir, 'sig.der'),
              '-content',
              join(dir, content),
              '-CAfile',
              join(dir, 'csca.pem'),
              '-purpose',
              'any',
              '-out',
              '/dev/null',
            ]);
          const verified = verifyWith('dsc.der');
          expect(verified.stderr.toString()).toContain('Verification successful');
          expect(verified.status).toBe(0);
          expect(verifyWith('tampered.der').status).not.toBe(0);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }
    }
  });

  it('serves the business rules per destination, readable by the verifier, with an ETag', async () => {
    const response = await app.inject('/api/v1/certificates/business-rules');
    expect(response.statusCode).toBe(200);
    const rules = readBusinessRules(response.json());
    expect(rules.destinations.map((d) => d.country)).toContain('DE');
    const germany = rules.destinations.find((d) => d.country === 'DE');
    expect(germany?.rules).toContainEqual({ id: 'DE-T-0001', kind: 'test-max-age', hours: 48 });
    const again = await app.inject({
      url: '/api/v1/certificates/business-rules',
      headers: { 'if-none-match': response.headers.etag as string },
    });
    expect(again.statusCode).toBe(304);
  });

  it('chains each document signer to the CSCA and keeps the private keys sealed at rest', async () => {
    const { certificates } = (await app.inject('/api/v1/certificates/trust-list')).json();
    const csca = new x509.X509Certificate(
      certificates.find((c: { certificateType: string }) => c.certificateType === 'CSCA').certificate,
    );
    for (const entry of certificates.filter((c: { certificateType: string }) => c.certificateType === 'DSC')) {
      const dsc = new x509.X509Certificate(entry.certificate);
      expect(await dsc.verify({ publicKey: csca.publicKey, signatureOnly: true })).toBe(true);
      const eku = dsc.getExtension(x509.ExtendedKeyUsageExtension);
      expect(eku?.usages).toEqual([
        '1.3.6.1.4.1.1847.2021.1.1',
        '1.3.6.1.4.1.1847.2021.1.2',
        '1.3.6.1.4.1.1847.2021.1.3',
      ]);
    }
    const signers = await app.ctx.db.selectFrom('certificateSigners').selectAll().execute();
    for (const signer of signers) {
      expect(signer.privateKey).toMatch(/^v1\./);
      const pkcs8 = await openSignerKey(app.ctx.db, app.ctx.config, signer);
      expect(signer.privateKey).not.toContain(Buffer.from(pkcs8).toString('base64').slice(8, 40));
    }
  });

  it('rotates the document signer: old certificates still verify, new ones carry the new kid', async () => {
    const before = (await issue('health', vaccination())).json();
    const rotated = await app.inject({
      method: 'POST',
      url: '/api/v1/certificates/signers/rotate',
      headers: { ...JSON_WRITE, cookie: cookies.admin as string },
      payload: { reason: 'yearly rotation drill' },
    });
    expect(rotated.statusCode, rotated.body).toBe(200);
    const after = (await issue('health', vaccination())).json();
    const beforeVerdict = await verify(before.hc1);
    const afterVerdict = await verify(after.hc1);
    expect(beforeVerdict.ok && afterVerdict.ok).toBe(true);
    if (!beforeVerdict.ok || !afterVerdict.ok) return;
    expect(afterVerdict.kid).toBe(rotated.json().kid);
    expect(beforeVerdict.kid).not.toBe(afterVerdict.kid);
    const { certificates } = (await app.inject('/api/v1/certificates/trust-list')).json();
    expect(certificates.filter((c: { certificateType: string }) => c.certificateType === 'DSC')).toHaveLength(2);
    const rotate = (who: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/certificates/signers/rotate',
        headers: { ...JSON_WRITE, cookie: cookies[who] as string },
        payload: { reason: 'not allowed' },
      });
    expect((await rotate('health')).statusCode).toBe(403);

    const list = (who: string) =>
      app.inject({ url: '/api/v1/certificates/signers', headers: { cookie: cookies[who] as string } });
    const signers = (await list('admin')).json() as {
      kind: string;
      kid: string;
      inUse: boolean;
      retiredAt: string | null;
      certificatesSigned: number;
    }[];
    const dscs = signers.filter((s) => s.kind === 'dsc');
    expect(dscs.find((s) => s.inUse)).toMatchObject({ kid: afterVerdict.kid, retiredAt: null });
    expect(dscs.find((s) => s.kid === beforeVerdict.kid)).toMatchObject({ inUse: false });
    expect(dscs.find((s) => s.kid === beforeVerdict.kid)?.retiredAt).toEqual(expect.any(String));
    expect(dscs.find((s) => s.kid === afterVerdict.kid)?.certificatesSigned).toBe(1);
    expect(signers.filter((s) => s.kind === 'csca' && s.inUse)).toHaveLength(1);
    expect((await list('health')).statusCode).toBe(403);
  });

  it('replaces the CSCA (HQ, audited): the old one hands over, a device that pinned it moves on, old certificates verify', async () => {
    const signedList = async () => (await app.inject('/api/v1/certificates/trust-list/signed')).json().jws as string;
    const before = (await issue('health', vaccination())).json();
    const pinned = (await verifySignedList(await signedList())).signerCertificate;
    const rotateCsca = (who: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/certificates/signers/rotate-csca',
        headers: { ...JSON_WRITE, cookie: cookies[who] as string },
        payload: { reason: 'CSCA key ceremony drill' },
      });
    expect((await rotateCsca('health')).statusCode).toBe(403);
    const rotated = await rotateCsca('admin');
    expect(rotated.statusCode).toBe(200);
    const audit = await app.ctx.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'certificate.csca_rotate')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ reason: 'CSCA key ceremony drill' });

    // The new list is signed by the new CSCA: a device pinned to the old one refuses it as such...
    const jws = await signedList();
    await expect(verifySignedList(jws, { pinned })).rejects.toMatchObject({ code: 'signature' });
    const next = (await verifySignedList(jws)).signerCertificate;
    expect(next).not.toBe(pinned);
    expect(Buffer.from(next, 'base64')).toEqual(
      Buffer.from(
        (
          await app.ctx.db
            .selectFrom('certificateSigners')
            .select('certificate')
            .where('slot', '=', 'csca')
            .executeTakeFirstOrThrow()
        ).certificate,
        'base64',
      ),
    );
    // ...and follows the hand-over statement the old CSCA signed, published at a stable URL.
    const handovers = await app.inject('/api/v1/certificates/csca-handovers');
    expect(handovers.statusCode).toBe(200);
    expect(handovers.headers.etag).toEqual(expect.any(String));
    const { handovers: statements } = handovers.json() as { handovers: string[] };
    expect(await followCscaHandovers(statements, pinned, next)).toBe(true);
    expect(await followCscaHandovers(statements, next, pinned)).toBe(false);

    // The old CSCA stays listed, so the DSC it issued and what that DSC signed still verify; new ones too.
    const after = (await issue('health', vaccination())).json();
    const trust = (await app.inject('/api/v1/certificates/trust-list')).json();
    const revocation = (await app.inject('/api/v1/certificates/revocation-list')).json();
    const lists = await readVerifierLists(trust, revocation, { requireChain: true });
    expect((await verifyWithLists(before.hc1, lists)).ok).toBe(true);
    expect((await verifyWithLists(after.hc1, lists)).ok).toBe(true);
    const kidOf = async (hc1: string) => {
      const verdict = await verifyWithLists(hc1, lists);
      return verdict.ok ? verdict.kid : null;
    };
    expect(await kidOf(after.hc1)).toBe(rotated.json().dsc.kid);
  });

  it('starts a new document signer once the current one has signed for a year, keeping the old one trusted', async () => {
    const current = await app.ctx.db
      .selectFrom('certificateSigners')
      .selectAll()
      .where('slot', '=', 'dsc')
      .executeTakeFirstOrThrow();
    const before = (await issue('health', vaccination())).json();
    const yearAgo = new Date(Date.now() - 366 * 24 * 3600_000).toISOString();
    await app.ctx.db
      .updateTable('certificateSigners')
      .set({ notBefore: yearAgo })
      .where('id', '=', current.id)
      .execute();
    const after = (await issue('health', vaccination())).json();
    const [oldVerdict, newVerdict] = [await verify(before.hc1), await verify(after.hc1)];
    expect(oldVerdict).toMatchObject({ ok: true, kid: current.kid });
    expect(newVerdict.ok).toBe(true);
    expect(newVerdict.kid).not.toBe(current.kid);
    const rotations = await app.ctx.db
      .selectFrom('auditLog')
      .select('reason')
      .where('action', '=', 'certificate.signer_rotate')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(rotations.reason).toBe('the signing year of the document signer ended');
  });

  it('answers 503 signing_key_unavailable, and signs nothing, when the server secret no longer opens the keys', async () => {
    const config = app.ctx.config as { secret: string | null };
    const original = config.secret;
    config.secret = 'a different secret than the keys were sealed with';
    try {
      const rotated = await app.inject({
        method: 'POST',
        url: '/api/v1/certificates/signers/rotate',
        headers: { ...JSON_WRITE, cookie: cookies.admin as string, 'accept-language': 'en' },
        payload: { reason: 'secret drill' },
      });
      expect(rotated.statusCode).toBe(503);
      expect(rotated.json()).toMatchObject({ code: 'signing_key_unavailable' });
      expect(
        await app.ctx.db.selectFrom('certificateSigners').select('slot').where('slot', '=', 'dsc').execute(),
      ).toHaveLength(1);
    } finally {
      config.secret = original;
    }
  });
});

describeEachDialect('health certificates: the first keys, created under concurrent issuances', (getDb) => {
  let app: App;
  let cookie: string;
  beforeAll(async () => {
    app = await buildTestApp(getDb());
    cookie = await signInAs(app, email('health'), DEMO_PASSWORD);
  });
  afterAll(async () => {
    await app.close();
  });

  it('makes exactly one CSCA and one document signer, and every certificate verifies', async () => {
    // Before the first issuance there is no country signing CA to sign the list with, and no signer to list.
    expect((await app.inject('/api/v1/certificates/trust-list/signed')).statusCode).toBe(503);
    expect((await app.inject('/api/v1/certificates/trust-list/dcc-gateway')).json()).toEqual([]);
    const responses = await Promise.all(
      Array.from({ length: 6 }, () =>
        app.inject({
          method: 'POST',
          url: '/api/v1/certificates',
          headers: { ...JSON_WRITE, cookie },
          payload: vaccination(),
        }),
      ),
    );
    expect(responses.map((r) => r.statusCode)).toEqual([201, 201, 201, 201, 201, 201]);
    const signers = await app.ctx.db.selectFrom('certificateSigners').select(['kind', 'slot']).execute();
    expect(signers.map((s) => s.kind).sort()).toEqual(['csca', 'dsc']);
    const trust = (await app.inject('/api/v1/certificates/trust-list')).json();
    const revocation = (await app.inject('/api/v1/certificates/revocation-list')).json();
    const lists = await readVerifierLists(trust, revocation);
    for (const response of responses) {
      expect((await verifyWithLists(response.json().hc1, lists)).ok).toBe(true);
    }
  });
});
