import type { Role } from '@homeward/shared';

/**
 * Demo staff and citizen accounts created by `homeward seed --demo` and printed by `npm start`.
 * They exist only in demo databases; the password is public on purpose.
 */
export const DEMO_PASSWORD = 'homeward-demo-2026';

/**
 * The authenticator-app secret (Base32) every demo staff account is enrolled with, public on purpose:
 * add it to an authenticator app to sign in as demo staff; tests compute codes from it with otplib.
 */
export const DEMO_TOTP_SECRET = 'HOMEWARDDEMOTWOZEROTWOSIXTOTPKEY';

export interface DemoAccount {
  email: string;
  displayName: string;
  role: Role;
  missions: string[];
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { email: 'admin@demo.homeward.example', displayName: 'HQ Administrator 总部管理员', role: 'hq_admin', missions: [] },
  { email: 'agent@demo.homeward.example', displayName: 'Hotline Agent 热线坐席', role: 'hotline_agent', missions: [] },
  {
    email: 'officer.us@demo.homeward.example',
    displayName: 'Consular Officer, Washington 驻美使馆领事官员',
    role: 'consular_officer',
    missions: ['US-WAS'],
  },
  {
    email: 'officer.jp@demo.homeward.example',
    displayName: 'Consular Officer, Tokyo 驻日使馆领事官员',
    role: 'consular_officer',
    missions: ['JP-TYO'],
  },
  {
    email: 'head.us@demo.homeward.example',
    displayName: 'Mission Head, Washington 驻美使馆馆长',
    role: 'mission_head',
    missions: ['US-WAS'],
  },
  {
    email: 'alerts@demo.homeward.example',
    displayName: 'Alert Manager 安全提醒管理员',
    role: 'alert_manager',
    missions: [],
  },
  {
    email: 'health@demo.homeward.example',
    displayName: 'Health Issuer 健康证明签发员',
    role: 'health_issuer',
    missions: [],
  },
  { email: 'auditor@demo.homeward.example', displayName: 'Auditor 审计员', role: 'auditor', missions: [] },
  { email: 'citizen@demo.homeward.example', displayName: '张三丰 ZHANG SANFENG', role: 'citizen', missions: [] },
];
