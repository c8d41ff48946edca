import type { Role } from '@homeward/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { currentLocale } from '../../i18n/i18n.ts';
import { ApiError, deleteJson } from '../../lib/api.client.ts';
import { formatNumber, utcOffset } from '../../lib/format.ts';
import { Confirm } from '../forms/confirm.component.tsx';
import {
  type CampaignDetail,
  type Country,
  formatDay,
  type MissionPage,
  type Session,
  type SiteWithSessions,
  sessionPath,
  sitePath,
  titleOf,
} from './campaigns.api.ts';
import { SessionForm } from './session-form.component.tsx';
import { SiteForm } from './site-form.component.tsx';

type Editing =
  | { kind: 'none' }
  | { kind: 'addSite' }
  | { kind: 'editSite'; siteId: string }
  | { kind: 'addSession'; siteId: string }
  | { kind: 'deleteSite'; siteId: string }
  | { kind: 'deleteSession'; siteId: string; sessionId: string };

/** Whether this person may run the site's day: HQ for every site, mission staff for their own missions' sites. */
export function runsSite(user: { role: Role; missions: string[] }, missionCode: string): boolean {
  if (user.role === 'hq_admin') return true;
  if (user.role !== 'consular_officer' && user.role !== 'mission_head') return false;
  return user.missions.length === 0 || user.missions.includes(missionCode);
}

/** Registrations are HQ's, auditors' and health issuers' to read everywhere, mission staff's at their own sites. */
export function seesRegistrations(user: { role: Role; missions: string[] }, missionCode: string): boolean {
  if (['hq_admin', 'auditor', 'health_issuer'].includes(user.role)) return true;
  return runsSite(user, missionCode);
}

/**
 * The campaign's sites, each with its sessions (date, hours in the site's own time zone, slot length, seats) and
 * how many seats are given. HQ adds, changes and removes sites and sessions (removal asks first); mission staff
 * open the day of the sites their mission runs.
 */
export function CampaignSites({
  campaign,
  user,
  missions,
  countries,
  onChanged,
}: {
  campaign: CampaignDetail;
  user: { role: Role; missions: string[] };
  missions: MissionPage['items'];
  countries: readonly Country[];
  onChanged: (message: string) => void;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [editing, setEditing] = useState<Editing>({ kind: 'none' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const canEdit = user.role === 'hq_admin' && campaign.status !== 'closed';
  const missionName = (code: string) => missions.find((m) => m.code === code)?.name[locale] ?? code;
  const countryName = (code: string) => countries.find((c) => c.code === code)?.name[locale] ?? code;
  const done = (message: string) => {
    setEditing({ kind: 'none' });
    setError(null);
    onChanged(message);
  };

  async function remove(path: string, message: string) {
    if (busy) return;
    setBusy(true);
    try {
      await deleteJson(path);
      done(message);
    } catch (failure) {
      setEditing({ kind: 'none' });
      setError(failure instanceof ApiError ? (failure.problem?.title ?? t('errors.network')) : t('errors.network'));
    } finally {
      setBusy(false);
    }
  }

  const siteMissions = missions.filter((m) => user.role === 'hq_admin' || user.missions.includes(m.code));
  // A site's country must be one of the campaign's (the server checks too).
  const siteCountries = countries.filter((c) => campaign.eligibility.countries.includes(c.code));
  return (
    <section className="section" aria-labelledby="camp-sites-heading">
      <h2 id="camp-sites-heading">{t('campaigns.sites.title', { count: campaign.sites.length })}</h2>
      <div aria-live="polite">
        {error ? (
          <p className="notice" role="alert">
            {error}
          </p>
        ) : null}
      </div>
      {campaign.sites.length === 0 ? <p>{t('campaigns.sites.none')}</p> : null}
      {campaign.sites.map((site) => (
        <SiteCard
          key={site.id}
          site={site}
          campaignId={campaign.id}
          missionName={missionName(site.missionCode)}
          countryName={countryName(site.country)}
          runs={runsSite(user, site.missionCode)}
          canEdit={canEdit}
          canSeeRegistrations={seesRegistrations(user, site.missionCode)}
          editing={editing}
          setEditing={(next) => {
            setError(null);
            setEditing(next);
          }}
          onRemoveSite={() =>
            remove(sitePath(campaign.id, site.id), t('campaigns.sites.removed', { name: titleOf(site.name, locale) }))
          }
          onRemoveSession={(s) =>
            remove(
              sessionPath(campaign.id, site.id, s.id),
              t('campaigns.sessions.removed', { date: formatDay(s.date, locale) }),
            )
          }
          busy={busy}
        >
          {editing.kind === 'editSite' && editing.siteId === site.id ? (
            <SiteForm
              campaignId={campaign.id}
              site={site}
              missions={siteMissions}
              countries={siteCountries}
              onSaved={(saved) => done(t('campaigns.sites.saved', { name: titleOf(saved.name, locale) }))}
              onCancel={() => setEditing({ kind: 'none' })}
            />
          ) : null}
          {editing.kind === 'addSession' && editing.siteId === site.id ? (
            <SessionForm
              campaignId={campaign.id}
              site={site}
              onSaved={(saved) => done(t('campaigns.sessions.saved', { date: formatDay(saved.date, locale) }))}
              onCancel={() => setEditing({ kind: 'none' })}
            />
          ) : null}
        </SiteCard>
      ))}
      {canEdit ? (
        editing.kind === 'addSite' ? (
          <SiteForm
            campaignId={campaign.id}
            missions={siteMissions}
            countries={siteCountries}
            onSaved={(saved) => done(t('campaigns.sites.added', { name: titleOf(saved.name, locale) }))}
            onCancel={() => setEditing({ kind: 'none' })}
          />
        ) : (
          <button type="button" className="button button--secondary" onClick={() => setEditing({ kind: 'addSite' })}>
            {t('campaigns.sites.addButton')}
          </button>
        )
      ) : null}
    </section>
  );
}

function SiteCard({
  site,
  campaignId,
  missionName,
  countryName,
  runs,
  canEdit,
  canSeeRegistrations,
  editing,
  setEditing,
  onRemoveSite,
  onRemoveSession,
  busy,
  children,
}: {
  site: SiteWithSessions;
  campaignId: string;
  missionName: string;
  countryName: string;
  runs: boolean;
  canEdit: boolean;
  canSeeRegistrations: boolean;
  editing: Editing;
  setEditing: (next: Editing) => void;
  onRemoveSite: () => void;
  onRemoveSession: (session: Session) => void;
  busy: boolean;
  children: React.ReactNode;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const name = titleOf(site.name, locale);
  const headingId = `site-${site.id}-heading`;
  const capacity = site.sessions.reduce((sum, s) => sum + s.capacity, 0);
  const allocated = site.sessions.reduce((sum, s) => sum + s.allocated, 0);
  const base = `/campaigns/${encodeURIComponent(campaignId)}`;
  return (
    <article className="camp-site" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {name} <span className="tag tag--disabled tag--inline">{t(`campaigns.siteKind.${site.kind}`)}</span>
      </h3>
      <dl className="summary-list">
        <dt>{t('campaigns.sites.mission')}</dt>
        <dd>
          {missionName} ({site.missionCode})
        </dd>
        <dt>{t('campaigns.sites.address')}</dt>
        <dd>
          {site.address}, {countryName}
        </dd>
        <dt>{t('campaigns.sites.coordinates')}</dt>
        <dd>
          {site.lat.toFixed(5)}, {site.lon.toFixed(5)}
        </dd>
        <dt>{t('campaigns.sites.timeZone')}</dt>
        <dd>
          {site.timeZone} ({utcOffset(site.timeZone, new Date())})
        </dd>
        <dt>{t('campaigns.sites.seats')}</dt>
        <dd>
          {t('campaigns.sites.seatsValue', {
            allocated: formatNumber(allocated, locale),
            capacity: formatNumber(capacity, locale),
          })}
        </dd>
      </dl>
      <div className="button-group">
        {runs ? (
          <Link className="button" to={`${base}/sites/${encodeURIComponent(site.id)}/day`}>
            {t('campaigns.sites.openDay', { name })}
          </Link>
        ) : null}
        {canSeeRegistrations ? (
          <Link to={`${base}/registrations?siteId=${encodeURIComponent(site.id)}`}>
            {t('campaigns.sites.registrations', { name })}
          </Link>
        ) : null}
        {canEdit ? (
          <>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => setEditing({ kind: 'editSite', siteId: site.id })}
            >
              {t('campaigns.sites.edit')}
              <span className="visually-hidden">{` ${t('campaigns.sites.editContext', { name })}`}</span>
            </button>
            <button
              type="button"
              className="link-button"
              onClick={() => setEditing({ kind: 'deleteSite', siteId: site.id })}
            >
              {t('campaigns.sites.remove')}
              <span className="visually-hidden">{` ${t('campaigns.sites.removeContext', { name })}`}</span>
            </button>
          </>
        ) : null}
      </div>
      {editing.kind === 'deleteSite' && editing.siteId === site.id ? (
        <Confirm
          question={t('campaigns.sites.confirmRemove', { name })}
          confirmLabel={t('campaigns.sites.confirmRemoveButton')}
          onConfirm={onRemoveSite}
          onCancel={() => setEditing({ kind: 'none' })}
          busy={busy}
        />
      ) : null}
      <h4>{t('campaigns.sessions.title', { count: site.sessions.length })}</h4>
      {site.sessions.length === 0 ? (
        <p>{t('campaigns.sessions.none')}</p>
      ) : (
        <section
          className="table-wrap camp-table-wrap"
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1).
          tabIndex={0}
          aria-label={t('campaigns.sessions.caption', { name })}
        >
          <table className="table">
            <caption className="visually-hidden">{t('campaigns.sessions.caption', { name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('campaigns.sessions.date')}</th>
                <th scope="col">{t('campaigns.sessions.hours')}</th>
                <th scope="col" className="camp-num">
                  {t('campaigns.sessions.slotMinutes')}
                </th>
                <th scope="col" className="camp-num">
                  {t('campaigns.sessions.capacityPerSlot')}
                </th>
                <th scope="col" className="camp-num">
                  {t('campaigns.sessions.seatsGiven')}
                </th>
                {canEdit ? (
                  <th scope="col">
                    <span className="visually-hidden">{t('campaigns.actions')}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {site.sessions.map((s) => (
                <tr key={s.id}>
                  <th scope="row" className="nowrap">
                    {formatDay(s.date, locale)}
                  </th>
                  <td className="nowrap">
                    {s.startTime}–{s.endTime}
                  </td>
                  <td className="camp-num">{formatNumber(s.slotMinutes, locale)}</td>
                  <td className="camp-num">{formatNumber(s.capacityPerSlot, locale)}</td>
                  <td className="camp-num">
                    {t('campaigns.sessions.ofCapacity', {
                      allocated: formatNumber(s.allocated, locale),
                      capacity: formatNumber(s.capacity, locale),
                    })}
                  </td>
                  {canEdit ? (
                    <td>
                      {editing.kind === 'deleteSession' && editing.sessionId === s.id ? (
                        <Confirm
                          question={t('campaigns.sessions.confirmRemove', {
                            date: formatDay(s.date, locale),
                            hours: `${s.startTime}–${s.endTime}`,
                          })}
                          confirmLabel={t('campaigns.sessions.confirmRemoveButton')}
                          onConfirm={() => onRemoveSession(s)}
                          onCancel={() => setEditing({ kind: 'none' })}
                          busy={busy}
                        />
                      ) : (
                        <button
                          type="button"
                          className="link-button"
                          onClick={() => setEditing({ kind: 'deleteSession', siteId: site.id, sessionId: s.id })}
                        >
                          {t('campaigns.sessions.remove')}
                          <span className="visually-hidden">
                            {` ${t('campaigns.sessions.removeContext', {
                              date: formatDay(s.date, locale),
                              hours: `${s.startTime}–${s.endTime}`,
                            })}`}
                          </span>
                        </button>
                      )}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {canEdit && !(editing.kind === 'addSession' && editing.siteId === site.id) ? (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => setEditing({ kind: 'addSession', siteId: site.id })}
        >
          {t('campaigns.sessions.addButton', { name })}
        </button>
      ) : null}
      {children}
    </article>
  );
}
