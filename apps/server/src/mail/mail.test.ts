import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LOCALES } from '@homeward/shared';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { escapeHtml, MAIL_TEMPLATES, renderMail } from './mail.templates.ts';
import { createMailer } from './mailer.ts';

const silent = pino({ level: 'silent' });
const branding = { ministry: 'Ministry of Foreign Affairs', hotline: { display: '+86 10 12308', e164: '+861012308' } };

describe('mail templates', () => {
  it('render every mail in every language with the ministry and hotline', () => {
    for (const template of MAIL_TEMPLATES) {
      for (const locale of LOCALES) {
        const mail = renderMail(
          template,
          locale,
          { displayName: 'Li', link: 'https://x.example/a?token=t', linkHours: 24 },
          branding,
        );
        expect(mail.subject.length, `${template} ${locale}`).toBeGreaterThan(3);
        expect(mail.text).toContain('+86 10 12308');
        expect(mail.html).toContain('href="tel:+861012308"');
        expect(mail.html).toContain(`lang="${locale}"`);
      }
    }
    expect(
      renderMail('verify_email', 'en', { displayName: 'Li', link: 'https://x', linkHours: 24 }, branding).text,
    ).toContain('for 24 hours');
  });

  it('escapes what a person typed before it reaches the HTML', () => {
    const mail = renderMail(
      'password_changed',
      'en',
      { displayName: '<img src=x onerror=alert(1)> & "Li"' },
      { ...branding, ministry: 'M<b>' },
    );
    expect(mail.html).not.toContain('<img');
    expect(mail.html).toContain('&#60;img src=x onerror=alert(1)&#62; &#38; &#34;Li&#34;');
    expect(mail.html).not.toContain('M<b>');
    expect(mail.text).toContain('<img src=x onerror=alert(1)>'); // plain text is not HTML
    expect(escapeHtml(`'`)).toBe('&#39;');
  });
});

describe('mailer', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hw-mailbox-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes .eml files into the mailbox folder when no SMTP server is configured', async () => {
    const config = loadConfig({
      HOMEWARD_MAILBOX_DIR: dir,
      HOMEWARD_MAIL_FROM: 'Consular Service <consular@example.org>',
    });
    expect(config.mail).toEqual({ smtpUrl: null, from: 'Consular Service <consular@example.org>', mailboxDir: dir });
    const mailer = createMailer(config.mail, silent);
    await mailer.send({
      to: 'li@example.org',
      ...renderMail('password_changed', 'zh-CN', { displayName: '李' }, branding),
    });
    mailer.close();
    const files = readdirSync(dir).filter((f) => f.endsWith('.eml'));
    expect(files).toHaveLength(1);
    const eml = readFileSync(path.join(dir, files[0] as string), 'utf8');
    expect(eml).toContain('To: li@example.org');
    expect(eml).toContain('From: Consular Service <consular@example.org>');
    expect(eml).toMatch(/Content-Type: text\/html/);
  });

  it('puts the mailbox beside the SQLite file by default, and checks the SMTP URL', () => {
    expect(loadConfig({ DATABASE_URL: 'sqlite:/srv/hw/homeward.db' }).mail.mailboxDir).toBe('/srv/hw/mailbox');
    expect(loadConfig({ HOMEWARD_SMTP_URL: 'smtps://u:p@mail.example.org:465' }).mail.smtpUrl).toBe(
      'smtps://u:p@mail.example.org:465',
    );
    expect(() => loadConfig({ HOMEWARD_SMTP_URL: 'mail.example.org' })).toThrow(/smtp:\/\/ or smtps:\/\//);
  });

  it('rejects when the SMTP server cannot be reached, so the job is retried', async () => {
    const mailer = createMailer({ smtpUrl: 'smtp://127.0.0.1:1', from: 'a@example.org', mailboxDir: dir }, silent);
    await expect(
      mailer.send({ to: 'li@example.org', ...renderMail('password_changed', 'en', { displayName: 'Li' }, branding) }),
    ).rejects.toThrow();
    mailer.close();
  });
});
