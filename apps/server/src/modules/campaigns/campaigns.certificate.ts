import type { HealthCertificate, IssueCertificateBody } from '@homeward/shared';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/schema.ts';
import { ProblemError } from '../../http/problem.ts';
import type { Actor } from '../../policy/actor.ts';
import { canCertifyDose } from '../../policy/campaigns.policy.ts';
import { type AuditSource, appendAudit } from '../audit/audit.service.ts';
import { issueCertificate } from '../certificates/certificates.service.ts';
import { vaccineOf } from './campaigns.presenter.ts';
import { findDose, setDoseCertificate } from './campaigns.registrations.repo.ts';
import { findCampaign, findSiteById } from './campaigns.repo.ts';

/**
 * A health issuer issues a vaccination certificate (EU DCC) from a dose record (decision 0024): the `v` entry is
 * the campaign's DCC codes with the dose's number and date and the site's country; the holder is the registered
 * person, so the certificate lands in their wallet. Issued through the certificates service, whose transaction also
 * links the dose to the certificate: a second request for the same dose is refused and signs nothing.
 */
export async function certifyDose(
  db: Db,
  config: Config,
  actor: Actor,
  doseId: string,
  source: AuditSource,
): Promise<HealthCertificate> {
  if (!canCertifyDose(actor)) throw new ProblemError(403, 'forbidden');
  const dose = await findDose(db, doseId);
  if (!dose) throw new ProblemError(404, 'not_found');
  if (dose.certificateId) throw new ProblemError(409, 'certificate_exists', 'this dose has a certificate');
  const campaign = await findCampaign(db, dose.campaignId);
  const vaccine = campaign ? vaccineOf(campaign) : null;
  const site = await findSiteById(db, dose.siteId);
  const person = await db.selectFrom('persons').selectAll().where('id', '=', dose.personId).executeTakeFirst();
  if (!vaccine?.prophylaxisCode || !vaccine.productCode || !vaccine.manufacturerCode || !site || !person) {
    throw new ProblemError(422, 'dose_not_certifiable', 'the campaign has no DCC codes for its vaccine');
  }
  if (!person.birthDate) throw new ProblemError(422, 'dose_not_certifiable', 'the person has no birth date');
  const body: IssueCertificateBody = {
    type: 'v',
    personId: person.id,
    holder: {
      familyName: person.familyName,
      ...(person.givenName ? { givenName: person.givenName } : {}),
      birthDate: person.birthDate,
    },
    vaccination: {
      vp: vaccine.prophylaxisCode,
      mp: vaccine.productCode,
      ma: vaccine.manufacturerCode,
      dn: dose.doseNumber,
      sd: Math.max(vaccine.dosesRequired, dose.doseNumber),
      dt: dose.administeredOn,
      co: site.country,
    },
  };
  return issueCertificate(db, config, actor, body, source, async (trx, certificateId) => {
    if (!(await setDoseCertificate(trx, dose.id, certificateId))) {
      throw new ProblemError(409, 'certificate_exists', 'this dose has a certificate');
    }
    await appendAudit(trx, source, {
      action: 'campaign.dose_certify',
      record: { type: 'campaign_dose', id: dose.id },
      details: { certificateId },
    });
  });
}
