import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import { createMailer } from '../../mail/mailer.ts';
import {
  actionLabel,
  type ChannelBatchSender,
  escapeHtml,
  mapLimited,
  type Outgoing,
  PermanentDeliveryError,
  type RenderedMessage,
  type SendOutcome,
} from './notifications.channels.ts';

/** Connections kept open to the SMTP relay; each carries one message at a time. */
const SMTP_CONNECTIONS = 8;
/** An idle pool is closed after this long. */
const SMTP_IDLE_MS = 5000;

/** Subject, plain text and HTML of one message in its language, with its one-tap links. */
export function emailBody(config: Config, message: RenderedMessage): { subject: string; text: string; html: string } {
  const links = Object.entries(message.actions).map(([name, url]) => ({
    label: actionLabel(message.locale, name),
    url,
  }));
  const ministry = config.state.ministry[message.locale];
  const hotline = config.state.hotline.display;
  const footer = message.locale === 'en' ? `${ministry} · Hotline ${hotline}` : `${ministry} · 热线 ${hotline}`;
  const text = [
    message.title,
    '',
    message.body,
    ...(message.url ? ['', message.url] : []),
    ...links.map((l) => `\n${l.label}: ${l.url}`),
    '',
    footer,
  ].join('\n');
  const html = [
    `<h1 style="font-size:20px">${escapeHtml(message.title)}</h1>`,
    ...message.body.split(/\n{2,}/).map((p) => `<p>${escapeHtml(p).replaceAll('\n', '<br>')}</p>`),
    message.url ? `<p><a href="${escapeHtml(message.url)}">${escapeHtml(message.url)}</a></p>` : '',
    ...links.map(
      (l) =>
        `<p><a href="${escapeHtml(l.url)}" style="display:inline-block;padding:12px 20px;border:2px solid #1a1a1a;border-radius:6px;font-weight:bold">${escapeHtml(l.label)}</a></p>`,
    ),
    `<p style="color:#555">${escapeHtml(footer)}</p>`,
  ].join('\n');
  return { subject: message.title, text, html };
}

/** A mail to send: one message, to one person or (same words for all) to many envelope recipients. */
interface Envelope {
  items: Outgoing[];
  messageId: string;
  to: string;
}

/**
 * Groups a chunk into mails. A message with personal one-tap links (a check-in) is one mail per person, its
 * Message-ID the delivery's id. A message whose words are the same for everyone who reads that language goes as one
 * mail to up to `maxRecipients` envelope recipients (as mailing lists do; RFC 5321 §4.5.3.1.8 has relays accept at
 * least 100), headed `To: undisclosed-recipients:;` so nobody sees the others, and its Message-ID is the message's
 * and language's: every copy of it, a resend after a crash included, carries the same one.
 */
export function planMails(items: Outgoing[], maxRecipients: number): Envelope[] {
  const mails: Envelope[] = [];
  const open = new Map<string, Envelope>();
  for (const item of items) {
    const { delivery, message } = item;
    if (Object.keys(message.actions).length > 0 || maxRecipients === 1) {
      mails.push({ items: [item], messageId: `<${delivery.id}@notifications.homeward>`, to: delivery.address ?? '' });
      continue;
    }
    const key = `${message.locale}\u0000${message.title}\u0000${message.body}\u0000${message.url ?? ''}`;
    let mail = open.get(key);
    if (!mail || mail.items.length >= maxRecipients) {
      mail = {
        items: [],
        messageId: `<${delivery.messageId}.${message.locale}@notifications.homeward>`,
        to: '',
      };
      open.set(key, mail);
      mails.push(mail);
    }
    mail.items.push(item);
  }
  for (const mail of mails)
    if (mail.items.length === 1 && mail.to === '') mail.to = mail.items[0]?.delivery.address ?? '';
    else if (mail.items.length > 1) mail.to = 'undisclosed-recipients:;';
  return mails;
}

/** nodemailer's error for a refused envelope. */
interface SmtpError {
  responseCode?: number;
  command?: string;
  rejected?: string[];
  rejectedErrors?: { recipient?: string; responseCode?: number }[];
}

const refusedForGood = (code: number | undefined) => code !== undefined && code >= 500 && code < 600;

/**
 * E-mail through the configured SMTP relay (a pool of connections), or `.eml` files in the mailbox folder without
 * one. An address the relay refuses with 5xx at RCPT TO fails for good (the next channel is tried); any other
 * failure is retried. Sending is at-least-once (decision 0022): the Message-ID is what lets a reader's mail client
 * collapse a copy resent after a crash.
 */
export function emailSender(config: Config, log: Logger, maxRecipients: number): ChannelBatchSender {
  const smtpUrl = config.mail.smtpUrl;
  const mailbox = smtpUrl ? null : createMailer(config.mail, log);
  // The pool is opened on first use and closed after a few idle seconds, so a worker that sent an alert does not
  // hold connections to the relay (and a relay being shut down does not wait for them).
  let pool: ReturnType<typeof nodemailer.createTransport> | null = null;
  let busy = 0;
  let idleTimer: NodeJS.Timeout | undefined;
  const transport = () => {
    clearTimeout(idleTimer);
    pool ??= nodemailer.createTransport({
      url: smtpUrl ?? '',
      pool: true,
      maxConnections: SMTP_CONNECTIONS,
      maxMessages: 10_000,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
    return pool;
  };
  const release = () => {
    if (--busy > 0) return;
    idleTimer = setTimeout(() => {
      if (busy > 0) return;
      pool?.close();
      pool = null;
    }, SMTP_IDLE_MS);
    idleTimer.unref();
  };

  async function sendMail(mail: Envelope): Promise<Map<string, Error>> {
    const first = mail.items[0];
    if (!first) return new Map();
    const body = emailBody(config, first.message);
    const recipients = mail.items.map((o) => o.delivery.address ?? '');
    if (!smtpUrl) {
      for (const to of recipients) await mailbox?.send({ to, ...body });
      return new Map();
    }
    const refused = new Map<string, Error>();
    busy++;
    try {
      const info = await transport().sendMail({
        from: config.mail.from,
        to: mail.to,
        // As address objects: nodemailer takes them as they are instead of running each one through its address
        // parser (about an eighth of what nodemailer spent on a 100-reader mail in the alerts bench's profile).
        envelope: { from: config.mail.from, to: recipients.map((address) => ({ name: '', address })) },
        messageId: mail.messageId,
        ...body,
      });
      // Some recipients refused, the others accepted: only the refused ones are failures.
      const errors = (info as SmtpError).rejectedErrors ?? []; // boundary: nodemailer's send result
      for (const address of (info as SmtpError).rejected ?? []) {
        const code = errors.find((e) => e.recipient === address)?.responseCode;
        refused.set(
          address,
          refusedForGood(code)
            ? new PermanentDeliveryError(`address refused (${code})`)
            : new Error(`address refused (${code ?? 'no code'})`),
        );
      }
      return refused;
    } catch (error) {
      const smtp = error as SmtpError; // boundary: nodemailer's SMTP error
      // Every recipient refused: per address, a 5xx is for good.
      if (smtp.rejected && smtp.rejected.length > 0) {
        for (const address of smtp.rejected) {
          const code = smtp.rejectedErrors?.find((e) => e.recipient === address)?.responseCode ?? smtp.responseCode;
          refused.set(
            address,
            refusedForGood(code) ? new PermanentDeliveryError(`address refused (${code})`) : (error as Error),
          );
        }
        return refused;
      }
      if (refusedForGood(smtp.responseCode) && smtp.command === 'RCPT TO' && recipients.length === 1) {
        refused.set(recipients[0] ?? '', new PermanentDeliveryError(`address refused (${smtp.responseCode})`));
        return refused;
      }
      throw error;
    } finally {
      release();
    }
  }

  const send: ChannelBatchSender = async (_db, items, deadline) => {
    const outcomes: SendOutcome[] = items.map(() => null);
    const index = new Map(items.map((o, i) => [o, i]));
    const addressed = items.filter((o, i) => {
      if (o.delivery.address) return true;
      outcomes[i] = new PermanentDeliveryError('no e-mail address');
      return false;
    });
    const mails = planMails(addressed, maxRecipients);
    const results = await mapLimited(mails, SMTP_CONNECTIONS, deadline, async (mail) => {
      const refused = await sendMail(mail);
      for (const o of mail.items) {
        const error = refused.get(o.delivery.address ?? '');
        if (error) outcomes[index.get(o) ?? 0] = error;
      }
    });
    mails.forEach((mail, m) => {
      const result = results[m] ?? null;
      if (result !== null) for (const o of mail.items) outcomes[index.get(o) ?? 0] = result;
    });
    return outcomes;
  };
  return send;
}
