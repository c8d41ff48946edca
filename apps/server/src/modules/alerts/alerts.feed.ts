import { type CapAlert, emitCap } from '@homeward/cap';
import type { LocalizedText } from '@homeward/shared';
import type { Db } from '../../db/schema.ts';
import { ProblemError } from '../../http/problem.ts';
import { countryNameOf } from '../registry/registry.presenter.ts';
import { capPathOf } from './alerts.presenter.ts';
import { type AlertMessageRow, listAlertMessages, listFeedMessages } from './alerts.repo.ts';

/** Entries per feed: the newest message of each alert, enough for any reader polling every few minutes. */
const FEED_SIZE = 50;

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' }[c]};`);
}

/** The CAP 1.2 document of an alert's newest message (Alert, Update or Cancel); 404 before it is published. */
export async function capDocumentOf(db: Db, alertId: string): Promise<string> {
  const messages = await listAlertMessages(db, [alertId]);
  const latest = messages.at(-1);
  if (!latest) throw new ProblemError(404, 'not_found');
  // Boundary: the column holds the CapAlert written by alertToCap; emitCap checks it again before writing.
  return emitCap(JSON.parse(latest.cap) as CapAlert);
}

/**
 * An Atom feed (RFC 4287) of a country's alerts: one entry per alert, its newest CAP message, linking the CAP
 * document (as CAP-aware aggregators such as Google Public Alerts read it) and the citizen app's page.
 */
export async function countryFeedOf(
  db: Db,
  country: string,
  publicUrl: string,
  ministry: LocalizedText,
): Promise<string> {
  const rows: AlertMessageRow[] = await listFeedMessages(db, country, FEED_SIZE);
  const self = `${publicUrl}/api/v1/alerts/feeds/${country}.atom`;
  const updated = rows[0]?.createdAt ?? '1970-01-01T00:00:00.000Z';
  const name = countryNameOf(country);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${escapeXml(self)}</id>`,
    `  <title>${escapeXml(`${ministry.en}: alerts for ${name.en} / ${name['zh-CN']}安全提醒`)}</title>`,
    `  <updated>${updated}</updated>`,
    `  <author><name>${escapeXml(`${ministry.en} / ${ministry['zh-CN']}`)}</name></author>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(self)}"/>`,
  ];
  for (const row of rows) {
    const cap = JSON.parse(row.cap) as CapAlert;
    const info = cap.info.find((i) => i.language === 'en') ?? cap.info[0];
    const title = [cap.msgType === 'Alert' ? '' : `${cap.msgType}: `, info?.headline ?? info?.event ?? ''].join('');
    const capUrl = `${publicUrl}${capPathOf(row.alertId)}`;
    out.push(
      '  <entry>',
      `    <id>urn:uuid:${row.id}</id>`,
      `    <title>${escapeXml(title)}</title>`,
      `    <updated>${row.createdAt}</updated>`,
      `    <link rel="alternate" type="application/cap+xml" href="${escapeXml(capUrl)}"/>`,
      `    <link rel="related" type="text/html" href="${escapeXml(`${publicUrl}/alerts/${row.alertId}`)}"/>`,
      `    <summary>${escapeXml(info?.description ?? '')}</summary>`,
      '  </entry>',
    );
  }
  out.push('</feed>', '');
  return out.join('\n');
}
