import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import webpush from 'web-push';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/schema.ts';
import { createMailer } from '../../mail/mailer.ts';
import { type NotificationsConfig, vapidKeys } from './notifications.config.ts';
import { type DeliveryRow, deletePushSubscription, listPushSubscriptions } from './notifications.repo.ts';
import type { LocalizedContent, NotificationContent } from './notifications.service.ts';

/** What one delivery says, in its language, with its one-tap links. */
export interface RenderedMessage {
  locale: 'en' | 'zh-CN';
  title: string;
  body: string;
  url: string | null;
  /** Named one-tap links (e.g. safe, needHelp), absolute URLs. */
  actions: Record<string, string>;
}

/** A failure that retrying will not fix (a refused address, no subscription left): fall back at once. */
export class PermanentDeliveryError extends Error {
  override name = 'PermanentDeliveryError';
}

/** The delivery's language if the message has it, else the other one (a message has at least one). */
export function pickContent(
  content: NotificationContent,
  locale: string,
): { locale: 'en' | 'zh-CN'; text: LocalizedContent } {
  const wanted = locale === 'en' ? 'en' : 'zh-CN';
  const other = wanted === 'en' ? 'zh-CN' : 'en';
  const text = content[wanted] ?? content[other];
  if (!text) throw new PermanentDeliveryError('the message has no content');
  return { locale: content[wanted] ? wanted : other, text };
}

const ACTION_LABELS: Record<'en' | 'zh-CN', Record<string, string>> = {
  en: { safe: "I'm safe", needHelp: 'I need help' },
  'zh-CN': { safe: '报平安', needHelp: '我需要帮助' },
};

export function actionLabel(locale: 'en' | 'zh-CN', name: string): string {
  return ACTION_LABELS[locale][name] ?? name;
}

export type ChannelSender = (db: Db, delivery: DeliveryRow, message: RenderedMessage) => Promise<void>;

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/**
 * Web Push (RFC 8030, payload encrypted per RFC 8291, VAPID per RFC 8292) to every subscription of the account.
 * The request is built by `web-push` and sent with fetch. A 404/410 removes that subscription; when none is left
 * the delivery fails for good (the next channel is tried). Topic = the delivery id, so a resend after a crash
 * replaces the copy still waiting at the push service instead of adding a second one.
 */
export function pushSender(config: NotificationsConfig): ChannelSender {
  return async (db, delivery, message) => {
    if (!delivery.userId) throw new PermanentDeliveryError('no account to push to');
    const subscriptions = await listPushSubscriptions(db, delivery.userId);
    if (subscriptions.length === 0) throw new PermanentDeliveryError('no push subscription');
    const keys = await vapidKeys(db, config);
    const payload = JSON.stringify({
      deliveryId: delivery.id,
      title: message.title,
      body: message.body,
      url: message.url,
      actions: Object.entries(message.actions).map(([name, url]) => ({
        action: name,
        title: actionLabel(message.locale, name),
        url,
      })),
    });
    let delivered = 0;
    let lastError = '';
    for (const sub of subscriptions) {
      const request = webpush.generateRequestDetails(
        { endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } },
        payload,
        {
          vapidDetails: { subject: config.vapidSubject, publicKey: keys.publicKey, privateKey: keys.privateKey },
          TTL: 24 * 3600,
          urgency: 'high',
          topic: delivery.id.replaceAll('-', ''),
        },
      );
      const response = await fetch(request.endpoint, {
        method: request.method,
        headers: request.headers as Record<string, string>, // boundary: web-push's header values are strings
        body: request.body ? Uint8Array.from(request.body) : null,
        signal: AbortSignal.timeout(15_000),
      }).catch((error: unknown) => error as Error);
      if (response instanceof Error) {
        lastError = response.message;
        continue;
      }
      if (response.status === 404 || response.status === 410) {
        await deletePushSubscription(db, sub.endpoint);
        lastError = `push endpoint gone (${response.status})`;
        continue;
      }
      if (response.status >= 200 && response.status < 300) delivered++;
      else lastError = `push service answered ${response.status}`;
    }
    if (delivered > 0) return;
    if ((await listPushSubscriptions(db, delivery.userId)).length === 0)
      throw new PermanentDeliveryError(lastError || 'no push subscription left');
    throw new Error(lastError);
  };
}

/**
 * E-mail through the configured SMTP server (or .eml files without one). The Message-ID is the delivery's id:
 * a resend after a crash between "accepted" and "marked sent" carries the same id, which receiving systems
 * and mail clients use to collapse duplicates.
 */
export function emailSender(config: Config, log: Logger): { send: ChannelSender; close(): void } {
  // A pool of connections: a burst of alert mail does not open one SMTP connection per message.
  const transport = config.mail.smtpUrl
    ? nodemailer.createTransport({ url: config.mail.smtpUrl, pool: true, maxConnections: 8, maxMessages: 1000 })
    : null;
  const mailbox = transport ? null : createMailer(config.mail, log);
  const send: ChannelSender = async (_db, delivery, message) => {
    if (!delivery.address) throw new PermanentDeliveryError('no e-mail address');
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
    const mail = { to: delivery.address, subject: message.title, text, html };
    if (transport) {
      try {
        await transport.sendMail({
          from: config.mail.from,
          messageId: `<${delivery.id}@notifications.homeward>`,
          ...mail,
        });
      } catch (error) {
        // 5xx on the recipient: the address is refused, retrying will not help.
        const code = (error as { responseCode?: number }).responseCode; // boundary: nodemailer's SMTP error
        if (code !== undefined && code >= 500 && code < 600 && (error as { command?: string }).command === 'RCPT TO')
          throw new PermanentDeliveryError(`address refused (${code})`);
        throw error;
      }
    } else await mailbox?.send(mail);
  };
  return { send, close: () => (transport ? transport.close() : mailbox?.close()) };
}

/** One SMS as plain text: title, body, link and one-tap links, kept within a few segments. */
export function smsText(message: RenderedMessage): string {
  const links = Object.entries(message.actions).map(([name, url]) => `${actionLabel(message.locale, name)}: ${url}`);
  const head = `${message.title}: ${message.body}`.replace(/\s+/g, ' ').trim();
  const tail = [...(message.url ? [message.url] : []), ...links].join('\n');
  const room = 600 - tail.length - 1;
  return [head.length > room ? `${head.slice(0, Math.max(0, room - 1))}…` : head, tail].filter(Boolean).join('\n');
}

/**
 * SMS through the configured HTTP gateway (request format in docs/sms-gateway.md): one JSON POST per message
 * with the delivery id as Idempotency-Key, so a gateway that honours it sends a resent request once.
 */
export function smsSender(config: NotificationsConfig): ChannelSender {
  return async (_db, delivery, message) => {
    if (!config.smsGatewayUrl) throw new PermanentDeliveryError('no SMS gateway configured');
    if (!delivery.address) throw new PermanentDeliveryError('no phone number');
    const headers: Record<string, string> = { 'content-type': 'application/json', 'idempotency-key': delivery.id };
    if (config.smsGatewayToken) headers.authorization = `Bearer ${config.smsGatewayToken}`;
    const response = await fetch(config.smsGatewayUrl, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        to: delivery.address,
        text: smsText(message),
        reference: delivery.id,
        locale: message.locale,
      }),
      signal: AbortSignal.timeout(15_000),
    });
    if (response.ok) return;
    const detail = `SMS gateway answered ${response.status}`;
    if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429)
      throw new PermanentDeliveryError(detail);
    throw new Error(detail);
  };
}
