import { buildTrustList, verifyHcert } from '@homeward/hcert';
import { nodeBackend } from '@homeward/hcert/node';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/support/db.ts';
import { seedDemo } from '../demo/demo.seed.ts';

describeEachDialect('demo seed: the demo citizen holds a vaccination certificate', (getDb) => {
  it('issues one valid certificate to the demo citizen, audited, and none on a second run', async () => {
    const { db, config } = getDb();
    await seedDemo(db, config.state.code, config);
    await seedDemo(db, config.state.code, config);
    const rows = await db
      .selectFrom('healthCertificates as c')
      .innerJoin('persons as p', 'p.id', 'c.personId')
      .innerJoin('users as u', 'u.id', 'p.userId')
      .select(['c.hc1', 'c.type', 'c.familyName', 'c.familyNameStd', 'c.revokedAt'])
      .where('u.email', '=', 'citizen@demo.homeward.example')
      .execute();
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row).toMatchObject({ type: 'v', familyName: '张', familyNameStd: 'ZHANG', revokedAt: null });
    const signers = await db.selectFrom('certificateSigners').select('certificate').where('kind', '=', 'dsc').execute();
    const trustList = await buildTrustList(signers.map((s) => s.certificate));
    expect(await verifyHcert(row?.hc1 ?? '', { trustList, backend: nodeBackend })).toMatchObject({
      ok: true,
      certificateType: 'v',
    });
    const audit = await db.selectFrom('auditLog').select('action').where('action', '=', 'certificate.issue').execute();
    expect(audit).toHaveLength(1);
  });
});
