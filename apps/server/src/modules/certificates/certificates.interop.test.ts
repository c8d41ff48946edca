import { decodeBase45, deflateZlib, encodeBase45, inflateZlib } from '@homeward/hcert';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, JSON_WRITE, signInAs } from '../../../test/support/app.ts';
import { describeEachDialect } from '../../../test/support/db.ts';
import { loadDccSdk } from '../../../test/support/dcc-sdk.ts';
import type { App } from '../../http/app-types.ts';
import { DEMO_PASSWORD } from '../demo/demo.accounts.ts';

/**
 * Interoperability: certificates Homeward issues verify in an independent implementation, PathCheck's
 * @pathcheck/dcc-sdk (see test/support/dcc-sdk.ts for how it is loaded without touching the network).
 */
describeEachDialect('health certificates: an independent verifier (@pathcheck/dcc-sdk) accepts them', (getDb) => {
  let app: App;
  let cookie: string;
  let dcc: Awaited<ReturnType<typeof loadDccSdk>>;

  beforeAll(async () => {
    app = await buildTestApp(getDb());
    cookie = await signInAs(app, 'health@demo.homeward.example', DEMO_PASSWORD);
    dcc = await loadDccSdk();
  });
  afterAll(async () => {
    await app.close();
    dcc.dispose();
  });

  const issue = async (payload: Record<string, unknown>) => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/certificates',
      headers: { ...JSON_WRITE, cookie },
      payload,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<{ hc1: string; uci: string }>();
  };

  it('verifies vaccination, test and recovery certificates and reads the same payload; a changed one fails', async () => {
    const holder = {
      familyName: '王',
      givenName: '芳',
      familyNameLatin: 'Wang',
      givenNameLatin: 'Fang',
      birthDate: '1992-07-08',
    };
    const issued = [
      await issue({
        type: 'v',
        holder,
        vaccination: {
          vp: '1119349007',
          mp: 'EU/1/20/1507',
          ma: 'ORG-100031184',
          dn: 3,
          sd: 3,
          dt: '2026-09-15',
          co: 'CN',
        },
      }),
      await issue({
        type: 't',
        holder,
        test: {
          tt: 'LP6464-4',
          nm: 'PCR',
          sc: new Date(Date.now() - 7200_000).toISOString(),
          tr: '260415000',
          co: 'CN',
        },
      }),
      await issue({ type: 'r', holder, recovery: { fr: '2026-11-01', df: '2026-11-12', du: '2027-04-30', co: 'CN' } }),
    ];

    const { sdk } = dcc;
    const { certificates } = (await app.inject('/api/v1/certificates/trust-list')).json<{
      certificates: { kid: string; certificateType: string; certificate: string }[];
    }>();
    sdk.addCachedCerts(
      Object.fromEntries(certificates.filter((c) => c.certificateType === 'DSC').map((c) => [c.kid, c.certificate])),
    );

    for (const certificate of issued) {
      const result = await sdk.unpackAndVerify(certificate.hc1);
      expect(result.status).toBe('verified');
      const hcert = result.contents?.get(-260) as Map<number, Record<string, unknown>>;
      const payload = hcert.get(1);
      expect(payload?.nam).toEqual({ fn: '王', fnt: 'WANG', gn: '芳', gnt: 'FANG' });
      expect(JSON.stringify(payload)).toContain(certificate.uci);
      expect(result.contents?.get(1)).toBe('CN');
    }

    // The last byte of the COSE structure is the end of the signature: a forged signature, everything else intact.
    const cose = inflateZlib(decodeBase45((issued[0]?.hc1 ?? '').slice(4)));
    cose[cose.length - 1] = (cose[cose.length - 1] ?? 0) ^ 1;
    const forged = `HC1:${encodeBase45(deflateZlib(cose))}`;
    expect((await sdk.unpackAndVerify(forged)).status).toBe('invalid_signature');
  });
});
