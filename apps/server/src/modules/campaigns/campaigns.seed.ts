import { isoNow, newId } from '../../clock.ts';
import type { Db } from '../../db/schema.ts';
import { localDateOf } from '../appointments/appointments.slots.ts';
import { findMissionCodes } from '../missions/missions.repo.ts';
import { findUserByEmail } from '../users/users.repo.ts';
import { claimSeat, insertDose, insertRegistration } from './campaigns.registrations.repo.ts';
import { findCampaignByCode, insertCampaign, insertSession, insertSite } from './campaigns.repo.ts';
import { ageOn, slotsOfSession } from './campaigns.rules.ts';

const DAY = 86_400_000;
export const DEMO_CAMPAIGN_CODE = 'VAX-2026';

const GROUPS = [
  { code: 'elderly', rank: 1, label: { en: 'Aged 60 and over', 'zh-CN': '60 岁及以上' } },
  { code: 'chronic_illness', rank: 2, label: { en: 'Living with a chronic illness', 'zh-CN': '患有慢性病' } },
  {
    code: 'enterprise_staff',
    rank: 3,
    label: { en: 'Staff of Chinese-funded enterprises', 'zh-CN': '中资企业员工' },
  },
];

// Written for the demo: the two embassies and a partner clinic near Washington that the embassy's officers run.
const SITES = [
  {
    kind: 'mission' as const,
    missionCode: 'US-WAS',
    nameEn: 'Embassy in Washington',
    nameZh: '驻美国使馆',
    address: '3505 International Place NW, Washington, DC 20008',
    lat: 38.943,
    lon: -77.066,
    country: 'US',
    timeZone: 'America/New_York',
  },
  {
    kind: 'clinic' as const,
    missionCode: 'US-WAS',
    nameEn: 'Rosslyn Travel Health Clinic (partner)',
    nameZh: '罗斯林旅行健康诊所（合作机构）',
    address: '1800 N Lynn St, Arlington, VA 22209',
    lat: 38.8967,
    lon: -77.0711,
    country: 'US',
    timeZone: 'America/New_York',
  },
  {
    kind: 'mission' as const,
    missionCode: 'JP-TYO',
    nameEn: 'Embassy in Tokyo',
    nameZh: '驻日本使馆',
    address: '3-4-33 Moto-Azabu, Minato-ku, Tokyo 106-0046',
    lat: 35.6546,
    lon: 139.7269,
    country: 'JP',
    timeZone: 'Asia/Tokyo',
  },
];

function daysFrom(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/**
 * The demo's open vaccination campaign (decision 0024) so the console's charts and the citizen's records are not
 * empty: three sites (two embassies, one partner clinic), a session past and five to come at each, demo
 * registrants registered (some vaccinated, some with a place, some waiting), and the demo citizen's first dose.
 * Idempotent: a database with the demo campaign is left alone; another sending state's demo has none.
 */
export async function seedDemoCampaign(db: Db, now: Date = new Date()): Promise<boolean> {
  if (await findCampaignByCode(db, DEMO_CAMPAIGN_CODE)) return false;
  if ((await findMissionCodes(db, ['US-WAS', 'JP-TYO'])).length < 2) return false;
  const at = isoNow(now);
  const campaignId = newId();
  await insertCampaign(db, {
    id: campaignId,
    code: DEMO_CAMPAIGN_CODE,
    kind: 'vaccination',
    titleEn: 'Vaccination abroad 2026/27',
    titleZh: '2026/27 海外同胞疫苗接种',
    descriptionEn:
      'Free vaccination for nationals registered in the United States and Japan, at the embassies and a partner ' +
      'clinic. Two doses, about four weeks apart. Bring your passport.',
    descriptionZh: '为在美国、日本登记的中国公民免费接种疫苗，地点为使馆及合作诊所。共两剂，间隔约四周。请携带护照。',
    status: 'open',
    registrationOpensAt: new Date(now.getTime() - 14 * DAY).toISOString(),
    registrationClosesAt: new Date(now.getTime() + 60 * DAY).toISOString(),
    allocation: 'priority',
    countries: JSON.stringify(['JP', 'US']),
    minAge: 18,
    maxAge: null,
    priorityGroups: JSON.stringify(GROUPS),
    vaccine: JSON.stringify({
      productName: 'BBIBP-CorV (Sinopharm)',
      dosesRequired: 2,
      prophylaxisCode: '1157024006',
      productCode: 'BBIBP-CorV',
      manufacturerCode: 'ORG-100020693',
    }),
    version: 1,
    createdBy: null,
    createdAt: at,
    updatedAt: at,
  });
  const sites = SITES.map((s) => ({ ...s, id: newId(), campaignId, createdAt: at, updatedAt: at }));
  const sessions: Array<{ id: string; site: (typeof sites)[number]; date: string; past: boolean }> = [];
  for (const site of sites) {
    await insertSite(db, site);
    const today = localDateOf(now, site.timeZone);
    // One session three days ago at each embassy (people were vaccinated), five in the coming days everywhere.
    const days = [...(site.kind === 'mission' ? [-3] : []), 1, 2, 3, 4, 5];
    for (const offset of days) {
      const session = {
        id: newId(),
        campaignId,
        siteId: site.id,
        date: daysFrom(today, offset),
        startMinute: 9 * 60,
        endMinute: 12 * 60,
        slotMinutes: 15,
        capacityPerSlot: 4,
        createdAt: at,
      };
      await insertSession(db, session);
      sessions.push({ id: session.id, site, date: session.date, past: offset < 0 });
    }
  }

  // Seats in order: the past session's first slots, then the coming sessions' first slots.
  const seat = async (registrationId: string, country: string, past: boolean, index: number) => {
    const options = sessions.filter((s) => s.past === past && s.site.country === country);
    const session = options[index % options.length];
    if (!session) return null;
    const slots = slotsOfSession(
      { date: session.date, startMinute: 540, endMinute: 720, slotMinutes: 15, capacityPerSlot: 4 },
      session.site.timeZone,
    );
    for (const slot of slots) {
      const given = await claimSeat(
        db,
        {
          sessionId: session.id,
          slotStart: slot.start,
          slotEnd: slot.end,
          registrationId,
          campaignId,
          siteId: session.site.id,
          createdAt: at,
        },
        4,
      );
      if (given !== null) return { session, slot };
    }
    return null;
  };

  const register = async (person: { id: string; userId: string | null; country: string }, i: number, kind: string) => {
    const registrationId = newId();
    const group = GROUPS[i % 4];
    await insertRegistration(db, {
      id: registrationId,
      campaignId,
      personId: person.id,
      userId: person.userId,
      country: person.country,
      priorityGroup: group?.code ?? null,
      priorityRank: group?.rank ?? 1000,
      preferredSiteId: sites.find((s) => s.country === person.country)?.id ?? null,
      status: kind === 'done' ? 'completed' : kind === 'seated' ? 'allocated' : 'waiting',
      registeredAt: new Date(now.getTime() - (10 - (i % 7)) * DAY + i * 60_000).toISOString(),
      checkedInAt: null,
      checkedInBy: null,
      cancelledAt: null,
      updatedAt: at,
    });
    if (kind === 'waiting') return;
    const given = await seat(registrationId, person.country, kind === 'done', i);
    if (!given || kind !== 'done') return;
    await db
      .updateTable('campaignRegistrations')
      .set({ checkedInAt: given.slot.start })
      .where('id', '=', registrationId)
      .execute();
    await insertDose(db, {
      id: newId(),
      registrationId,
      campaignId,
      personId: person.id,
      siteId: given.session.site.id,
      product: 'BBIBP-CorV (Sinopharm)',
      lotNumber: `BJ2026${String.fromCharCode(65 + (i % 3))}${17 + (i % 5)}`,
      doseNumber: 1,
      administeredOn: given.session.date,
      recordedBy: null,
      recordedAt: given.slot.end,
      certificateId: null,
    });
  };

  // The demo citizen had the first dose at the embassy in Washington three days ago.
  const citizen = await findUserByEmail(db, 'citizen@demo.homeward.example');
  const citizenPerson = citizen
    ? await db.selectFrom('persons').select('id').where('userId', '=', citizen.id).executeTakeFirst()
    : undefined;
  if (citizen && citizenPerson) await register({ id: citizenPerson.id, userId: citizen.id, country: 'US' }, 0, 'done');

  // Demo registrants present in the two countries today: a third vaccinated, a third with a place, the rest waiting.
  const today = now.toISOString().slice(0, 10);
  const people = await db
    .selectFrom('persons as p')
    .innerJoin('presences as pr', 'pr.personId', 'p.id')
    .select(['p.id', 'p.birthDate', 'pr.countryCode as country'])
    .where('p.userId', 'is', null)
    .where('p.businessId', 'is', null)
    .where('pr.dependentId', 'is', null)
    .where('pr.countryCode', 'in', ['US', 'JP'])
    .where('pr.arrivalOn', '<=', today)
    .where((eb) => eb.or([eb('pr.departureOn', 'is', null), eb('pr.departureOn', '>=', today)]))
    .orderBy('p.passportNumber')
    .limit(60)
    .execute();
  const adults = [...new Map(people.map((p) => [p.id, p])).values()].filter(
    (p) => p.birthDate !== null && ageOn(p.birthDate, today) >= 18,
  );
  for (const [i, person] of adults.slice(0, 24).entries()) {
    await register(
      { id: person.id, userId: null, country: person.country },
      i + 1,
      ['done', 'seated', 'waiting'][i % 3] as string,
    );
  }
  return true;
}
