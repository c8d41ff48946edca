import type { CampaignBody } from '@homeward/shared';
import { isoNow, newId } from '../../clock.ts';
import type { Db } from '../../db/schema.ts';
import type { Actor } from '../../policy/actor.ts';
import { buildSignedInCitizens } from '../appointments/appointments.fixtures.ts';
import type { AuditSource } from '../audit/audit.service.ts';

/** Test fixtures: real rows for campaign tests (citizens with a registry person present in a country). */

export function sourceOf(actor: Actor): AuditSource {
  return { actor: { id: actor.id, role: actor.role }, ip: null };
}

export async function staffActor(db: Db, email: string): Promise<Actor> {
  const user = await db.selectFrom('users').select(['id', 'role']).where('email', '=', email).executeTakeFirstOrThrow();
  const missions = await db.selectFrom('userMissions').select('missionCode').where('userId', '=', user.id).execute();
  return { id: user.id, role: user.role, missions: missions.map((m) => m.missionCode) };
}

/** Citizens with accounts, sessions and a registry person present in `country` since 2020. */
export async function buildRegisteredCitizens(
  db: Db,
  count: number,
  options: { country?: string; birthDate?: string | null; label?: string } = {},
): Promise<Array<{ actor: Actor; personId: string; cookie: string }>> {
  const people = await buildSignedInCitizens(db, count, options.label ?? 'campaign');
  const at = isoNow();
  const out: Array<{ actor: Actor; personId: string; cookie: string }> = [];
  for (const [i, p] of people.entries()) {
    const personId = newId();
    await db
      .insertInto('persons')
      .values({
        id: personId,
        userId: p.id,
        familyName: 'TEST',
        givenName: `PERSON ${String.fromCharCode(65 + (i % 26))}`,
        nativeName: null,
        birthDate: options.birthDate === undefined ? '1970-05-05' : options.birthDate,
        sex: null,
        nationality: 'CN',
        passportNumber: null,
        passportExpiry: null,
        locale: 'en',
        businessId: null,
        createdAt: at,
        updatedAt: at,
      })
      .execute();
    await db
      .insertInto('presences')
      .values({
        id: newId(),
        personId,
        dependentId: null,
        kind: 'residence',
        countryCode: options.country ?? 'US',
        regionCode: null,
        cityId: null,
        lat: null,
        lon: null,
        cell: null,
        preciseConsent: 0,
        arrivalOn: '2020-01-01',
        departureOn: null,
        purpose: null,
        groupId: personId,
        createdAt: at,
        updatedAt: at,
      })
      .execute();
    out.push({ actor: { id: p.id, role: 'citizen', missions: [] }, personId, cookie: p.cookie });
  }
  return out;
}

/** A campaign body for the US and Japan, open for registration around `now`. */
export function campaignBody(now: Date, overrides: Partial<CampaignBody> = {}): CampaignBody {
  return {
    code: `T-${newId().slice(-8).toUpperCase()}`,
    kind: 'vaccination',
    title: { en: 'Test vaccination', 'zh-CN': '测试接种' },
    description: { en: 'For tests.', 'zh-CN': '测试用。' },
    registrationOpensAt: new Date(now.getTime() - 86_400_000).toISOString(),
    registrationClosesAt: new Date(now.getTime() + 30 * 86_400_000).toISOString(),
    allocation: 'priority',
    eligibility: {
      countries: ['US', 'JP'],
      minAge: 18,
      maxAge: null,
      priorityGroups: [
        { code: 'elderly', rank: 1, label: { en: 'Aged 60 and over', 'zh-CN': '60 岁及以上' } },
        { code: 'carers', rank: 2, label: { en: 'Carers', 'zh-CN': '护理人员' } },
      ],
    },
    vaccine: {
      productName: 'BBIBP-CorV',
      dosesRequired: 2,
      prophylaxisCode: '1157024006',
      productCode: 'BBIBP-CorV',
      manufacturerCode: 'ORG-100020693',
    },
    ...overrides,
  };
}

export const WASHINGTON_SITE = {
  kind: 'mission' as const,
  missionCode: 'US-WAS',
  name: { en: 'Embassy in Washington', 'zh-CN': '驻美国使馆' },
  address: '3505 International Place NW, Washington, DC 20008',
  lat: 38.943,
  lon: -77.066,
  country: 'US',
};
