import { Buffer } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  checkAxe,
  describeBrowser,
  launchBrowser,
  newDesktopPage,
  screenshot,
  type UiLocale,
} from '../../server/test/support/browser.ts';
import { signInToConsole } from '../../server/test/support/console.ts';
import { startTestServer, type TestServer } from '../../server/test/support/test-server.ts';

const OFFICER = 'officer.us@demo.homeward.example';
const ADMIN = 'admin@demo.homeward.example';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(page: Page, path: string): Promise<void> {
  await page.goto(new URL(path, server.url).href);
  await page.waitForLoadState('networkidle');
}

async function heading(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

async function switchLanguage(page: Page, locale: UiLocale): Promise<void> {
  const current = await page.evaluate(() => document.documentElement.lang);
  if (current === locale) return;
  await page.getByRole('button', { name: locale === 'en' ? 'English' : '中文' }).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(locale);
}

/** axe and screenshots at desktop and phone widths, in both languages; leaves the page as it found it. */
async function captureEverywhere(page: Page, name: string, locale: UiLocale): Promise<void> {
  const size = page.viewportSize() ?? { width: 1280, height: 800 };
  for (const current of [locale, locale === 'en' ? 'zh-CN' : 'en'] as const) {
    await switchLanguage(page, current);
    for (const [label, viewport] of [
      ['desktop', { width: 1280, height: 800 }],
      ['phone', { width: 390, height: 844 }],
    ] as const) {
      await page.setViewportSize(viewport);
      await checkAxe(page);
      await screenshot(page, `console-${name}-${label}-${current}`);
    }
  }
  await switchLanguage(page, locale);
  await page.setViewportSize(size);
}

/** A change made behind the page's back, as a colleague at another desk would: the API with this session. */
async function api(page: Page, method: 'GET' | 'POST' | 'PATCH', path: string, data?: unknown) {
  const response = await page.request.fetch(new URL(path, server.url).href, {
    method,
    headers: { 'X-Requested-With': 'homeward', Accept: 'application/json' },
    ...(data === undefined ? {} : { data }),
  });
  expect(response.ok(), `${method} ${path}: ${response.status()} ${await response.text()}`).toBe(true);
  return response.json();
}

function caseIdOf(page: Page): string {
  const id = new URL(page.url()).pathname.split('/').pop();
  if (!id) throw new Error(`no case id in ${page.url()}`);
  return id;
}

const status = (page: Page, name: string) => page.locator('h1').getByText(name, { exact: true });

describeBrowser('staff console: consular protection cases', () => {
  it('an officer works a case from the queue: keyboard, reply, workflow, task, live note, stale edit', async () => {
    const page = await newDesktopPage(browser, 'en');
    await signInToConsole(page, { baseUrl: server.url, email: OFFICER, locale: 'en' });
    await page
      .getByRole('navigation', { name: /Main|主导航/ })
      .getByRole('link', { name: 'Cases', exact: true })
      .click();
    await heading(page, 'Cases');
    const table = page.getByRole('table');
    await table.getByRole('row').nth(1).waitFor();
    // The SLA column says the state in words next to its icon, not by colour alone.
    const liNaRow = table.getByRole('row').filter({ hasText: 'LI NA' });
    await expect.poll(async () => liNaRow.getByText(/Due in|Overdue/).count()).toBeGreaterThan(0);
    const liNa = (await liNaRow.getByRole('link').textContent()) ?? '';
    expect(liNa).toMatch(/^HW-\d{4}-\d{6}$/);
    await captureEverywhere(page, 'cases-queue', 'en');

    // ? lists the shortcuts; Escape closes the list.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('?');
    const shortcuts = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await shortcuts.waitFor();
    await checkAxe(page);
    await screenshot(page, 'console-cases-shortcuts-desktop-en');
    await page.keyboard.press('Escape');
    await shortcuts.waitFor({ state: 'hidden' });

    // A P1 case opened elsewhere: a notice names it and the mission, and the queue shows it without a reload.
    const opened = (await api(page, 'POST', '/api/v1/cases', {
      missionCode: 'US-WAS',
      category: 'kidnapping',
      priority: 'P1',
      summary: 'A tour guide reports a national taken in Baltimore.',
      subjectName: '赵敏 ZHAO MIN',
    })) as { number: string };
    const notice = page.getByRole('link', { name: new RegExp(`^New P1 case ${opened.number} at .*US-WAS`) });
    await notice.waitFor();
    await table.getByRole('row').filter({ hasText: 'ZHAO MIN' }).waitFor();
    await page.getByRole('status').filter({ hasText: '3 cases' }).waitFor();
    await checkAxe(page);
    await screenshot(page, 'console-cases-live-p1-desktop-en');
    // Other new cases of the mission may be announced too; this one is dismissed by its own button.
    await page.getByRole('button', { name: new RegExp(`^Dismiss.*New P1 case ${opened.number}`) }).click();
    await notice.waitFor({ state: 'hidden' });
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

    // j selects the newest case (ZHAO MIN's), j again the next (LI NA's), Enter opens it.
    await page.keyboard.press('j');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe(opened.number);
    await page.keyboard.press('j');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe(liNa);
    await page.keyboard.press('Enter');
    await heading(page, new RegExp(liNa));
    const caseId = caseIdOf(page);
    await page.getByRole('heading', { name: 'Time limits' }).waitFor();
    await expect.poll(() => page.getByText(/First response:/).count()).toBeGreaterThan(0);

    // Reply to the person, sent with Ctrl+Enter.
    await page.getByLabel('Your reply').fill('We have called the hospital in Fairfax; an officer will visit today.');
    await page.getByLabel('Your reply').press('Control+Enter');
    await page.getByRole('status').filter({ hasText: 'Reply sent.' }).waitFor();
    const timeline = page.locator('ol.timeline');
    await timeline.getByText('We have called the hospital in Fairfax').waitFor();
    await expect.poll(() => timeline.getByText('Reply to the person').count()).toBe(1);

    // new → triaged → accepted (to me) → in progress, each on the timeline.
    await page.getByRole('button', { name: 'Mark as triaged' }).click();
    await status(page, 'Triaged').waitFor();
    await page.getByRole('button', { name: 'Accept the case' }).click();
    await status(page, 'Accepted').waitFor();
    await page.getByRole('button', { name: 'Start work' }).click();
    await status(page, 'In progress').waitFor();
    await timeline.getByText('Status: Accepted → In progress').waitFor();

    // The officer hands the case to the mission head, picked from the mission's own staff.
    const assignTo = page.getByLabel('Assign to');
    await expect
      .poll(() => assignTo.locator('option').allTextContents())
      .toContain('Mission Head, Washington 驻美使馆馆长');
    await assignTo.selectOption({ label: 'Mission Head, Washington 驻美使馆馆长' });
    await page.getByRole('button', { name: 'Assign', exact: true }).click();
    await timeline.getByText('Mission Head, Washington', { exact: false }).first().waitFor();

    // A task that was due yesterday says "Overdue" in words.
    await page.getByLabel('What needs doing').fill('Visit Inova Fairfax Hospital');
    const yesterday = new Date(Date.now() - 24 * 3600_000);
    const local = new Date(yesterday.getTime() - yesterday.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    await page.getByLabel('Due (optional)').fill(local);
    await page.getByRole('button', { name: 'Add task' }).click();
    const task = page.getByRole('checkbox', { name: 'Visit Inova Fairfax Hospital' });
    await task.waitFor();
    await page.locator('.case-tasks').getByText('Overdue').waitFor();

    // A colleague's internal note arrives over the live stream, no reload.
    await api(page, 'POST', `/api/v1/cases/${caseId}/notes`, {
      body: 'Hospital confirms admission, ward 4B.',
      visibility: 'internal',
    });
    await timeline.getByText('Hospital confirms admission, ward 4B.').waitFor();
    const note = timeline.locator('li').filter({ hasText: 'Hospital confirms admission' });
    await note.getByText('Staff only').waitFor();

    // A file a colleague attached: on the timeline and under Files, with a download link.
    const upload = await page.request.post(new URL(`/api/v1/cases/${caseId}/attachments`, server.url).href, {
      headers: {
        'X-Requested-With': 'homeward',
        'Content-Type': 'application/octet-stream',
        'X-File-Name': encodeURIComponent('医院证明 hospital.pdf'),
        'Idempotency-Key': randomUUID(),
      },
      data: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
    });
    expect(upload.status()).toBe(201);
    await timeline.getByText('File attached').waitFor();
    const files = page.getByRole('region', { name: 'Files' });
    const link = files.getByRole('link', { name: 'Download 医院证明 hospital.pdf' });
    await link.waitFor();
    const download = page.waitForEvent('download');
    await link.click();
    expect((await download).suggestedFilename()).toContain('hospital.pdf');
    await captureEverywhere(page, 'case', 'en');

    // A stale edit: with the live stream cut, a colleague raises the priority; our change of type is refused,
    // the page says so with the newer state, and the reply we were writing is still there.
    await page.route('**/api/v1/live', (route) => route.abort());
    await open(page, `/console/cases/${caseId}`);
    await heading(page, new RegExp(liNa));
    await page.getByLabel('Your reply').fill('Draft: your family has been told.');
    const current = (await api(page, 'GET', `/api/v1/cases/${caseId}`)) as { case: { version: number } };
    await api(page, 'PATCH', `/api/v1/cases/${caseId}`, { version: current.case.version, priority: 'P1' });
    await page.getByLabel('Type', { exact: true }).selectOption('crime_victim');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('alert').filter({ hasText: 'Someone changed this case while you were working' }).waitFor();
    const conflict = page.getByRole('region', { name: 'Someone changed this case' });
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain('priority P1');
    expect(await page.getByLabel('Your reply').inputValue()).toBe('Draft: your family has been told.');
    await page.locator('h1').getByText('P1', { exact: true }).waitFor();
    // The colleague's priority shows, our type stays chosen; saving again changes only the type.
    await expect.poll(() => page.getByLabel('Priority', { exact: true }).inputValue()).toBe('P1');
    expect(await page.getByLabel('Type', { exact: true }).inputValue()).toBe('crime_victim');
    await checkAxe(page);
    await screenshot(page, 'console-case-conflict-desktop-en');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Priority and type saved.' }).waitFor();
    const saved = (await api(page, 'GET', `/api/v1/cases/${caseId}`)) as {
      case: { priority: string; category: string };
    };
    expect([saved.case.priority, saved.case.category]).toEqual(['P1', 'crime_victim']);
    await page.context().close();
  });

  it('headquarters declares an incident, links two cases, merges the duplicate, and the board shows both', async () => {
    const page = await newDesktopPage(browser, 'zh-CN');
    await signInToConsole(page, { baseUrl: server.url, email: ADMIN, locale: 'zh-CN' });
    await page
      .getByRole('navigation', { name: /Main|主导航/ })
      .getByRole('link', { name: '重大突发事件' })
      .click();
    await heading(page, '重大突发事件');
    await page.getByRole('button', { name: '发布重大突发事件' }).click();
    // Refused until it is complete, with the reasons at the top.
    await page.getByRole('button', { name: '发布事件' }).click();
    await page.getByRole('alert').filter({ hasText: '请填写标题' }).waitFor();
    await page.getByLabel('标题').fill('弗吉尼亚州洪水 Virginia floods');
    await page.getByLabel('类型').selectOption('flood');
    await page.getByLabel('查找国家/地区').fill('美国');
    await page.getByRole('checkbox', { name: '美国', exact: true }).check();
    await captureEverywhere(page, 'incident-create', 'zh-CN');
    await page.getByRole('button', { name: '发布事件' }).click();
    await heading(page, /弗吉尼亚州洪水/);
    const board = new URL(page.url()).pathname;

    await open(page, '/console/cases?missionCode=US-WAS');
    const numberOf = async (name: string) =>
      (await page.getByRole('table').getByRole('row').filter({ hasText: name }).getByRole('link').textContent()) ?? '';
    const zhang = await numberOf('ZHANG SANFENG');
    const liNa = await numberOf('LI NA');
    expect([zhang, liNa]).toEqual([expect.stringMatching(/^HW-/), expect.stringMatching(/^HW-/)]);

    // Both Washington cases join the incident from their case pages.
    for (const number of [zhang, liNa]) {
      await open(page, '/console/cases?missionCode=US-WAS');
      await page.getByRole('link', { name: number }).click();
      await heading(page, new RegExp(number));
      await page.getByLabel('重大突发事件', { exact: true }).selectOption({ label: '弗吉尼亚州洪水 Virginia floods' });
      await page.getByRole('button', { name: '关联' }).click();
      await page.getByRole('status').filter({ hasText: '事件关联已保存。' }).waitFor();
      await page.locator('ol.timeline').getByText('关联到事件“弗吉尼亚州洪水 Virginia floods”').waitFor();
    }

    // LI NA's case (open now) is merged into ZHANG's: the dialog names both numbers first.
    await page.getByLabel('将本案件并入').fill(zhang);
    await page.getByRole('button', { name: '合并…' }).click();
    const dialog = page.getByRole('dialog', { name: `将 ${liNa} 并入 ${zhang}？` });
    await dialog.waitFor();
    await checkAxe(page);
    await screenshot(page, 'console-case-merge-desktop-zh-CN');
    await dialog.getByRole('button', { name: `将 ${liNa} 并入 ${zhang}` }).click();
    await page.getByText(`本案件已作为重复案件并入 ${zhang}。`).waitFor();
    await status(page, '已办结').waitFor();
    await page.locator('ol.timeline').getByText(`已并入 ${zhang}`).waitFor();

    // The board: ZHANG's case in progress, LI NA's closed, counted per mission and priority.
    await open(page, board);
    await heading(page, /弗吉尼亚州洪水/);
    const inProgress = page.getByRole('region', { name: /^处理中/ });
    await inProgress.getByRole('link', { name: zhang }).waitFor();
    await page
      .getByRole('region', { name: /^已办结/ })
      .getByRole('link', { name: liNa })
      .waitFor();
    const byMission = page.getByRole('table', { name: '各使领馆案件数' });
    expect(await byMission.getByRole('row').filter({ hasText: 'US-WAS' }).textContent()).toContain('2');
    // The cards are links in reading order: the keyboard reaches them.
    await inProgress.getByRole('link', { name: zhang }).focus();
    await page.keyboard.press('Enter');
    await heading(page, new RegExp(zhang));
    await page.locator('ol.timeline').getByText(`${liNa} 已并入本案件`).waitFor();
    await open(page, board);
    await heading(page, /弗吉尼亚州洪水/);
    await captureEverywhere(page, 'incident-board', 'zh-CN');
    await open(page, '/console/incidents');
    await page.getByRole('table').getByRole('link', { name: '弗吉尼亚州洪水 Virginia floods' }).waitFor();
    await captureEverywhere(page, 'incidents', 'zh-CN');
    await page.context().close();
  });
});
