import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import { newId } from '../clock.ts';
import type { MailConfig } from '../config.ts';
import { redactUrl } from '../config.ts';
import type { MailContent } from './mail.templates.ts';

export interface OutgoingMail extends MailContent {
  to: string;
}

export interface Mailer {
  /** Sends one mail; rejects when the server refuses it, so the job is retried. */
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/**
 * Sends through HOMEWARD_SMTP_URL, or, without one, writes each mail as an .eml file into the mailbox
 * folder and logs its path: a demo or a developer reads the links there.
 */
export function createMailer(config: MailConfig, log: Logger): Mailer {
  if (config.smtpUrl) {
    const transport = nodemailer.createTransport(config.smtpUrl);
    log.info({ smtp: redactUrl(config.smtpUrl) }, 'mail goes out through SMTP');
    return {
      async send(mail) {
        await transport.sendMail({ from: config.from, ...mail });
      },
      close: () => transport.close(),
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  log.info({ mailbox: config.mailboxDir }, 'no HOMEWARD_SMTP_URL: mail is written to .eml files');
  return {
    async send(mail) {
      const info = await transport.sendMail({ from: config.from, ...mail });
      await mkdir(config.mailboxDir, { recursive: true });
      // The time first, so the folder lists in the order mail was sent.
      const file = path.join(config.mailboxDir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${newId()}.eml`);
      await writeFile(file, info.message as Buffer); // boundary: streamTransport with buffer: true yields a Buffer
      log.info({ to: mail.to, subject: mail.subject, file }, 'mail written to the mailbox folder');
    },
    close: () => transport.close(),
  };
}
