import type { KeptRecord } from '@homeward/shared';
import type { Db } from '../../db/schema.ts';
import { registerExporter, registerRetention } from '../accounts/accounts.hooks.ts';
import { toCitizenCaseDto } from './cases.presenter.ts';
import { listCasesReportedBy, listOpenCasesReportedBy } from './cases.repo.ts';

/** Cases a person reported appear in their data export. */
async function exportReportedCases(db: Db, userId: string) {
  const rows = await listCasesReportedBy(db, userId);
  return rows.map((row) => toCitizenCaseDto(row));
}

/**
 * An open protection case outlives the reporter's account: the mission still has to help the person
 * concerned. The case stays, pointing at the account's anonymised tombstone, and the person is told.
 */
async function keepOpenCases(db: Db, user: { id: string }): Promise<KeptRecord[]> {
  const open = await listOpenCasesReportedBy(db, user.id);
  return open.map((kase) => ({
    type: 'case',
    id: kase.number,
    reason: {
      en: `Case ${kase.number} is still open. The mission keeps it until the case is closed, so it can go on helping the person concerned.`,
      'zh-CN': `案件 ${kase.number} 尚未办结。使领馆将保留该案件直至办结，以便继续为当事人提供协助。`,
    },
  }));
}

/** Hooks the cases module into account export and deletion; registering twice changes nothing. */
export function registerCaseAccountHooks(): void {
  registerExporter('cases', exportReportedCases);
  registerRetention(keepOpenCases);
}
