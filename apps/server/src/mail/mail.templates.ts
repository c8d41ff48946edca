import type { Locale } from '@homeward/shared';

/** Every mail Homeward sends to a citizen about their account. */
export const MAIL_TEMPLATES = [
  'verify_email',
  'already_registered',
  'password_reset',
  'password_changed',
  'account_deleted',
  'case_reply',
  'application_update',
] as const;
export type MailTemplate = (typeof MAIL_TEMPLATES)[number];

export interface MailBranding {
  /** The ministry's name in the mail's language. */
  ministry: string;
  /** The emergency hotline, international form for display, and E.164 for a tel: link. */
  hotline: { display: string; e164: string };
}

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

export interface MailData {
  displayName: string;
  /** The one link the mail is about (verify, reset, sign in); absent for notices. */
  link?: string;
  linkHours?: number;
  /** The case a reply is about (HW-2026-000123). */
  caseNumber?: string;
  /** An application's reference (or the service's name while it has none) and what happened to it. */
  applicationReference?: string;
  applicationChange?: ApplicationChange;
}

/** What a mail about an application says happened (decision 0020). */
export type ApplicationChange = 'submitted' | 'info_requested' | 'approved' | 'refused' | 'issued' | 'collected';

const APPLICATION_CHANGE: Record<ApplicationChange, Record<Locale, string>> = {
  submitted: { en: 'was received by the mission', 'zh-CN': '已由使领馆收到' },
  info_requested: { en: 'needs more information from you', 'zh-CN': '需要您补充材料或信息' },
  approved: { en: 'was approved', 'zh-CN': '已获批准' },
  refused: { en: 'was refused', 'zh-CN': '未获批准' },
  issued: { en: 'is ready: the document was issued', 'zh-CN': '已办结，证件已签发' },
  collected: { en: 'is complete: the document was collected', 'zh-CN': '已完成，证件已领取' },
};

interface Parts {
  subject: string;
  greeting: string;
  paragraphs: string[];
  action?: string;
  after?: string[];
}

type Writer = (d: MailData) => Parts;

// Plain words, short sentences, 您 (UX.md). A mail never asks for a password and names the hotline
// so a person who did not expect it can ask a human.
const COPY: Record<MailTemplate, Record<Locale, Writer>> = {
  verify_email: {
    en: (d) => ({
      subject: 'Confirm your email address',
      greeting: `Dear ${d.displayName},`,
      paragraphs: ['Confirm your email address to finish creating your account.'],
      action: 'Confirm email address',
      after: [`The link works once, for ${d.linkHours} hours.`, 'If you did not create an account, ignore this email.'],
    }),
    'zh-CN': (d) => ({
      subject: '请验证您的电子邮箱',
      greeting: `${d.displayName}，您好：`,
      paragraphs: ['请验证您的电子邮箱，完成账户注册。'],
      action: '验证电子邮箱',
      after: [`此链接仅可使用一次，${d.linkHours} 小时内有效。`, '如果您没有注册账户，请忽略此邮件。'],
    }),
  },
  already_registered: {
    en: (d) => ({
      subject: 'You already have an account',
      greeting: `Dear ${d.displayName},`,
      paragraphs: [
        'Someone tried to create an account with this email address. You already have one.',
        'Sign in instead. If you forgot your password, you can choose a new one on the sign-in page.',
      ],
      action: 'Sign in',
      after: ['If this was not you, you do not need to do anything. Your account has not changed.'],
    }),
    'zh-CN': (d) => ({
      subject: '您已经有账户了',
      greeting: `${d.displayName}，您好：`,
      paragraphs: [
        '有人使用此电子邮箱注册账户。您已经有账户了。',
        '请直接登录。如果忘记密码，可以在登录页面设置新密码。',
      ],
      action: '登录',
      after: ['如果不是您本人操作，您无需做任何事，您的账户没有变化。'],
    }),
  },
  password_reset: {
    en: (d) => ({
      subject: 'Choose a new password',
      greeting: `Dear ${d.displayName},`,
      paragraphs: ['We received a request to choose a new password for your account.'],
      action: 'Choose a new password',
      after: [
        `The link works once, for ${d.linkHours} hour${d.linkHours === 1 ? '' : 's'}. When you choose a new password, you are signed out everywhere.`,
        'If you did not ask for this, ignore this email. Your password has not changed.',
      ],
    }),
    'zh-CN': (d) => ({
      subject: '设置新密码',
      greeting: `${d.displayName}，您好：`,
      paragraphs: ['我们收到了为您的账户设置新密码的申请。'],
      action: '设置新密码',
      after: [
        `此链接仅可使用一次，${d.linkHours} 小时内有效。设置新密码后，您在所有设备上都会退出登录。`,
        '如果不是您本人申请，请忽略此邮件，您的密码没有变化。',
      ],
    }),
  },
  password_changed: {
    en: (d) => ({
      subject: 'Your password was changed',
      greeting: `Dear ${d.displayName},`,
      paragraphs: ['The password of your account was just changed.'],
      after: ['If you did not do this, choose a new password on the sign-in page now, and call us.'],
    }),
    'zh-CN': (d) => ({
      subject: '您的密码已更改',
      greeting: `${d.displayName}，您好：`,
      paragraphs: ['您账户的密码刚刚已更改。'],
      after: ['如果不是您本人操作，请立即在登录页面设置新密码，并致电我们。'],
    }),
  },
  account_deleted: {
    en: (d) => ({
      subject: 'Your account was deleted',
      greeting: `Dear ${d.displayName},`,
      paragraphs: [
        'Your account and the personal data it held were deleted, as you asked.',
        'Records we must keep, such as open consular protection cases, were kept; the confirmation page listed them.',
      ],
      after: ['You can still call the hotline at any time.'],
    }),
    'zh-CN': (d) => ({
      subject: '您的账户已删除',
      greeting: `${d.displayName}，您好：`,
      paragraphs: [
        '根据您的要求，您的账户及其中的个人信息已删除。',
        '依法必须保留的记录（例如尚未结束的领事保护案件）已保留，确认页面已列出。',
      ],
      after: ['您仍可随时拨打热线。'],
    }),
  },
  case_reply: {
    // No message text in the mail: what staff wrote about a case stays behind the sign-in.
    en: (d) => ({
      subject: `You have a reply about case ${d.caseNumber}`,
      greeting: `Dear ${d.displayName},`,
      paragraphs: [`Consular staff replied to you about case ${d.caseNumber}. Sign in to read the reply and answer.`],
      action: 'Read the reply',
      after: ['If you are in danger now, call the emergency hotline.'],
    }),
    'zh-CN': (d) => ({
      subject: `案件 ${d.caseNumber} 有新的回复`,
      greeting: `${d.displayName}，您好：`,
      paragraphs: [`领事工作人员就案件 ${d.caseNumber} 回复了您。请登录查看回复并作答。`],
      action: '查看回复',
      after: ['如果您现在面临危险，请拨打应急热线。'],
    }),
  },
  application_update: {
    // No decision text in the mail: the reason and the officer's words stay behind the sign-in.
    en: (d) => ({
      subject: `Your application ${d.applicationReference} ${APPLICATION_CHANGE[d.applicationChange ?? 'submitted'].en}`,
      greeting: `Dear ${d.displayName},`,
      paragraphs: [
        `Your application ${d.applicationReference} ${APPLICATION_CHANGE[d.applicationChange ?? 'submitted'].en}.`,
        'Sign in to see its status and what to do next.',
      ],
      action: 'See the application',
    }),
    'zh-CN': (d) => ({
      subject: `您的申请 ${d.applicationReference} ${APPLICATION_CHANGE[d.applicationChange ?? 'submitted']['zh-CN']}`,
      greeting: `${d.displayName}，您好：`,
      paragraphs: [
        `您的申请 ${d.applicationReference} ${APPLICATION_CHANGE[d.applicationChange ?? 'submitted']['zh-CN']}。`,
        '请登录查看办理状态和下一步。',
      ],
      action: '查看申请',
    }),
  },
};

const FOOTER: Record<Locale, (b: MailBranding) => string> = {
  en: (b) => `${b.ministry}. Emergency hotline, 24 hours: ${b.hotline.display}`,
  'zh-CN': (b) => `${b.ministry}。全球领事保护与服务应急热线（24 小时）：${b.hotline.display}`,
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Renders a mail in one language as plain text and simple, escaped HTML. */
export function renderMail(
  template: MailTemplate,
  locale: Locale,
  data: MailData,
  branding: MailBranding,
): MailContent {
  const parts = COPY[template][locale](data);
  const footer = FOOTER[locale](branding);
  const action = parts.action && data.link ? { label: parts.action, href: data.link } : null;
  const text = [
    parts.greeting,
    '',
    ...parts.paragraphs.flatMap((p) => [p, '']),
    ...(action ? [`${action.label}:`, action.href, ''] : []),
    ...(parts.after ?? []).flatMap((p) => [p, '']),
    '--',
    footer,
    '',
  ].join('\n');
  const para = (p: string) => `<p>${escapeHtml(p)}</p>`;
  const html = [
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(parts.subject)}</title></head>`,
    '<body style="font-family:sans-serif;font-size:16px;line-height:1.5;color:#0b0c0c;max-width:600px">',
    para(parts.greeting),
    ...parts.paragraphs.map(para),
    ...(action
      ? [
          `<p><a href="${escapeHtml(action.href)}" style="display:inline-block;padding:8px 16px;background:#00703c;color:#fff;text-decoration:none">${escapeHtml(action.label)}</a></p>`,
          `<p style="word-break:break-all">${escapeHtml(action.href)}</p>`,
        ]
      : []),
    ...(parts.after ?? []).map(para),
    `<hr><p style="font-size:14px"><a href="tel:${escapeHtml(branding.hotline.e164)}">${escapeHtml(footer)}</a></p>`,
    '</body></html>',
  ].join('\n');
  return { subject: parts.subject, text, html };
}
