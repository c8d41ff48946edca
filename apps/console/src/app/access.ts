import type { Role } from '@homeward/shared';

/** The console's pages and who may open them; the server decides again on every call, this only tidies the menu. */
export const CONSOLE_PAGES = {
  home: { path: '/home', label: 'nav.missions', roles: 'operational' },
  cases: {
    path: '/cases',
    label: 'nav.cases',
    roles: ['hq_admin', 'hotline_agent', 'consular_officer', 'mission_head'],
  },
  dashboard: { path: '/dashboard', label: 'dashboard.nav', roles: ['hq_admin', 'mission_head'] },
  incidents: {
    path: '/incidents',
    label: 'incidents.nav',
    roles: ['hq_admin', 'hotline_agent', 'consular_officer', 'mission_head'],
  },
  hotlineCall: { path: '/hotline/log', label: 'hotline.nav.call', roles: ['hq_admin', 'hotline_agent'] },
  hotlineCalls: {
    path: '/hotline/calls',
    label: 'hotline.nav.calls',
    roles: ['hq_admin', 'hotline_agent', 'consular_officer', 'mission_head'],
  },
  // Reached from the calls list (Call statistics), not from the menu.
  hotlineStats: {
    path: '/hotline/stats',
    label: 'hotline.nav.stats',
    roles: ['hq_admin', 'hotline_agent'],
    menu: false,
  },
  knowledge: {
    path: '/hotline/knowledge',
    label: 'hotline.nav.knowledge',
    roles: ['hq_admin', 'hotline_agent', 'consular_officer', 'mission_head'],
  },
  registrants: {
    path: '/registrants',
    label: 'registrants.nav',
    roles: ['hq_admin', 'hotline_agent', 'consular_officer', 'mission_head'],
  },
  enterprises: {
    path: '/enterprises',
    label: 'enterprises.nav',
    roles: ['hq_admin', 'hotline_agent', 'consular_officer', 'mission_head'],
  },
  area: {
    path: '/area',
    label: 'area.nav',
    roles: ['hq_admin', 'alert_manager', 'hotline_agent', 'consular_officer', 'mission_head'],
  },
  advisories: { path: '/advisories', label: 'advisories.nav', roles: ['hq_admin', 'alert_manager'] },
  deliveries: { path: '/deliveries', label: 'deliveries.nav', roles: ['hq_admin', 'alert_manager'] },
  alerts: {
    path: '/alerts',
    label: 'alerts.nav',
    roles: ['hq_admin', 'alert_manager', 'hotline_agent', 'consular_officer', 'mission_head'],
  },
  // Reached from the alerts list (Write an alert, Incoming CAP signals), not from the menu.
  alertsWrite: { path: '/alerts/new', label: 'alerts.nav', roles: ['hq_admin', 'alert_manager'], menu: false },
  guidance: { path: '/guidance', label: 'guidance.nav', roles: ['hq_admin', 'alert_manager'] },
  applications: {
    path: '/applications',
    label: 'applications.nav',
    roles: ['hq_admin', 'consular_officer', 'mission_head'],
  },
  appointments: {
    path: '/appointments',
    label: 'appointments.nav',
    roles: ['hq_admin', 'consular_officer', 'mission_head'],
  },
  // Reached from the day's appointments (Opening hours and counters), not from the menu.
  appointmentSchedules: {
    path: '/appointments/schedules',
    label: 'appointments.nav',
    roles: ['hq_admin', 'mission_head'],
    menu: false,
  },
  serviceDefinitions: { path: '/service-definitions', label: 'applications.definitionsNav', roles: ['hq_admin'] },
  certificates: { path: '/certificates', label: 'certificates.nav', roles: ['health_issuer', 'hq_admin'] },
  // Reached from the certificates list (Issue a certificate), not from the menu.
  certificatesIssue: { path: '/certificates/new', label: 'certificates.nav', roles: ['health_issuer'], menu: false },
  // Reached from the certificates list (Signing keys), not from the menu.
  certificateSigners: { path: '/certificates/signers', label: 'certificates.nav', roles: ['hq_admin'], menu: false },
  campaigns: {
    path: '/campaigns',
    label: 'campaigns.nav',
    roles: ['hq_admin', 'consular_officer', 'mission_head', 'health_issuer'],
  },
  // Reached from the campaigns list and a campaign (Create, Change, Progress, the site's day), not from the menu.
  campaignsAdmin: { path: '/campaigns/new', label: 'campaigns.nav', roles: ['hq_admin'], menu: false },
  campaignProgress: { path: '/campaigns/progress', label: 'campaigns.nav', roles: ['hq_admin'], menu: false },
  campaignDesk: {
    path: '/campaigns/day',
    label: 'campaigns.nav',
    roles: ['hq_admin', 'consular_officer', 'mission_head'],
    menu: false,
  },
  staff: { path: '/staff', label: 'nav.staff', roles: ['hq_admin'] },
  // Reached from the missions table (Edit, Add a mission), not from the menu.
  missionsAdmin: { path: '/missions/new', label: 'nav.missions', roles: ['hq_admin'], menu: false },
  tokens: { path: '/tokens', label: 'nav.tokens', roles: ['hq_admin'] },
  audit: { path: '/audit', label: 'nav.audit', roles: ['auditor', 'hq_admin'] },
  security: { path: '/security', label: 'nav.security', roles: 'staff' },
} as const satisfies Record<
  string,
  { path: string; label: string; roles: readonly Role[] | 'operational' | 'staff'; menu?: false }
>;

export type ConsolePage = keyof typeof CONSOLE_PAGES;

export function canOpen(role: Role, page: ConsolePage): boolean {
  const roles = CONSOLE_PAGES[page].roles;
  if (role === 'citizen') return false;
  // Operational pages are for everyone who serves citizens; auditors only read the log.
  if (roles === 'operational') return role !== 'auditor';
  if (roles === 'staff') return true;
  return (roles as readonly Role[]).includes(role);
}

/** The menu of a role: the pages it may open, less those reached only from another page. */
export function pagesFor(role: Role): ConsolePage[] {
  return (Object.keys(CONSOLE_PAGES) as ConsolePage[]).filter(
    (page) => !('menu' in CONSOLE_PAGES[page]) && canOpen(role, page),
  );
}

/** Where a person lands after sign-in: their first page. */
export function landingPath(role: Role): string {
  const first = pagesFor(role)[0];
  return first ? CONSOLE_PAGES[first].path : '/security';
}
