import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/schema.ts';
import { seedDemoAdvisories } from '../advisories/advisories.seed.ts';
import { seedDemoAlertManagers } from '../alerts/alerts.seed.ts';
import { seedDemoAppointmentSchedules } from '../appointments/appointments.seed.ts';
import { seedDemoOrganisation } from '../businesses/businesses.seed.ts';
import { seedDemoCampaign } from '../campaigns/campaigns.seed.ts';
import { seedDemoCases } from '../cases/cases.seed.ts';
import { seedDemoCertificate } from '../certificates/certificates.seed.ts';
import { seedDemoGuidance } from '../guidance/guidance.seed.ts';
import { seedDemoCalls, seedKnowledgeBase } from '../hotline/hotline.seed.ts';
import { importMissions, readMissionsFile } from '../missions/missions.service.ts';
import { seedDemoCitizenRegistration } from '../registry/registry.seed.ts';
import { seedDemoApplications } from '../services/services.seed.ts';
import { hashPassword } from '../users/password.ts';
import { findUserByEmail } from '../users/users.repo.ts';
import { createUser } from '../users/users.service.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo.accounts.ts';
import { seedDemoRegistrants } from './demo.registrants.ts';
import { enrolDemoAuthenticators } from './demo.totp.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

// The demo password is public; hashing it once per process keeps seeding (and tests) fast.
let demoHash: Promise<string> | null = null;

/** The missions of each sending state Homeward ships reference data for, by ISO code. */
export const BUILT_IN_MISSIONS: Record<string, string> = {
  CN: path.join(here, '../missions/missions.cn.json'),
};

export interface SeedReport {
  missions: number;
  accountsCreated: number;
}

/**
 * Loads the sending state's missions and the demo accounts. Idempotent: a second run adds nothing.
 * Demo accounts are only created where no account with that email exists.
 */
export async function seedDemo(db: Kysely<Database>, stateCode: string, config?: Config): Promise<SeedReport> {
  const file = BUILT_IN_MISSIONS[stateCode];
  const missions = file ? readMissionsFile(file) : [];
  const report = await db.transaction().execute(async (trx) => {
    await importMissions(trx, missions);
    let accountsCreated = 0;
    const known = new Set(missions.map((m) => m.code));
    for (const account of DEMO_ACCOUNTS) {
      if (account.missions.some((m) => !known.has(m))) continue; // another state's data: no such mission
      if (await findUserByEmail(trx, account.email)) continue;
      demoHash ??= hashPassword(DEMO_PASSWORD);
      await createUser(trx, {
        ...account,
        password: DEMO_PASSWORD,
        passwordHash: await demoHash,
        locale: 'zh-CN',
        emailVerified: true, // demo accounts sign in straight away
      });
      accountsCreated++;
    }
    await enrolDemoAuthenticators(trx);
    // The demo cases sit at Chinese missions; another sending state's demo has none.
    if (known.has('US-WAS') && known.has('JP-TYO')) await seedDemoCases(trx);
    // The demo citizen's organisation, with a site in Washington DC (US-WAS) and one in Tokyo (JP-TYO).
    if (known.has('US-WAS') && known.has('JP-TYO')) await seedDemoOrganisation(trx);
    // Synthetic registrants around the Chinese missions' districts, for the staff console's map and table.
    if (known.has('US-WAS') && known.has('JP-TYO')) await seedDemoRegistrants(trx);
    // The demo citizen lives in Washington DC and is on a trip to Tokyo this week.
    if (known.has('US-WAS') && known.has('JP-TYO')) await seedDemoCitizenRegistration(trx);
    // The hotline's standard answers, and a week of calls at these missions for the call list and statistics.
    await seedKnowledgeBase(trx);
    if (known.has('US-WAS') && known.has('JP-TYO')) await seedDemoCalls(trx);
    // A handful of travel advisories, so the citizen's map and the console's list are not empty.
    await seedDemoAdvisories(trx);
    // A second alert manager, so an alert can be written by one and approved by another (four eyes).
    await seedDemoAlertManagers(trx);
    await seedDemoAppointmentSchedules(trx);
    await seedDemoGuidance(trx);
    // The service catalogue, and the demo citizen's applications in different states (issue 8).
    await seedDemoApplications(trx);
    // The open vaccination campaign with its sites, registrations and the demo citizen's first dose (issue 8).
    await seedDemoCampaign(trx);
    return { missions: missions.length, accountsCreated };
  });
  // The demo citizen's vaccination certificate (signed with the configured key, in its own transaction).
  if (config) await seedDemoCertificate(db, config);
  return report;
}
