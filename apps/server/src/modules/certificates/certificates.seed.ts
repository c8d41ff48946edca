import type { IssueCertificateBody } from '@homeward/shared';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/schema.ts';
import { findUserByEmail } from '../users/users.repo.ts';
import { issueCertificate } from './certificates.service.ts';

const DAY_MS = 24 * 3600 * 1000;

/**
 * The demo citizen's vaccination certificate, so that the demo shows a wallet straight away: issued through the
 * ordinary service by the demo health issuer (signed, stored and audited like any other). Does nothing when the
 * demo citizen is not registered yet or already holds a certificate; so a second run adds nothing.
 */
export async function seedDemoCertificate(
  db: Kysely<Database>,
  config: Config,
  now: Date = new Date(),
): Promise<number> {
  const citizen = await findUserByEmail(db, 'citizen@demo.homeward.example');
  const issuer = await findUserByEmail(db, 'health@demo.homeward.example');
  if (!citizen || !issuer) return 0;
  const person = await db
    .selectFrom('persons')
    .select(['id', 'familyName', 'givenName', 'nativeName', 'birthDate'])
    .where('userId', '=', citizen.id)
    .executeTakeFirst();
  if (!person?.birthDate) return 0;
  const held = await db
    .selectFrom('healthCertificates')
    .select('id')
    .where('personId', '=', person.id)
    .executeTakeFirst();
  if (held) return 0;
  const body: IssueCertificateBody = {
    type: 'v',
    personId: person.id,
    holder: {
      // The demo citizen's name as written (张三丰) and its Latin spelling for the ICAO form.
      ...(person.nativeName
        ? { familyName: person.nativeName.slice(0, 1), givenName: person.nativeName.slice(1) }
        : { familyName: person.familyName, ...(person.givenName ? { givenName: person.givenName } : {}) }),
      familyNameLatin: person.familyName,
      ...(person.givenName ? { givenNameLatin: person.givenName } : {}),
      birthDate: person.birthDate,
    },
    vaccination: {
      vp: 'J07BX03',
      mp: 'EU/1/20/1528',
      ma: 'ORG-100030215',
      dn: 2,
      sd: 2,
      dt: new Date(now.getTime() - 30 * DAY_MS).toISOString().slice(0, 10),
      co: 'CN',
    },
  };
  await issueCertificate(db, config, { id: issuer.id, role: 'health_issuer', missions: [] }, body, {
    actor: { id: issuer.id, role: 'health_issuer' },
    ip: null,
  });
  return 1;
}
