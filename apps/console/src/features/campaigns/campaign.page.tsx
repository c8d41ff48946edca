import './campaigns.css';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { ApiError, postJson } from '../../lib/api.client.ts';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { LoadError } from '../../lib/load-error.component.tsx';
import { useApi } from '../../lib/use-api.hook.ts';
import { useSessionUser } from '../auth/session.context.tsx';
import { Confirm } from '../forms/confirm.component.tsx';
import { AllocationPanel } from './allocation-panel.component.tsx';
import { CampaignSites } from './campaign-sites.component.tsx';
import { CampaignStatusTag } from './campaign-status-tag.component.tsx';
import {
  ALL_MISSIONS_PATH,
  type CampaignDetail,
  COUNTRIES_PATH,
  type Country,
  campaignPath,
  type MissionPage,
  titleOf,
} from './campaigns.api.ts';

/**
 * One campaign: what it is and who may register, its state (HQ opens and closes it after a confirmation), the
 * allocation, the sites with their sessions, and the ways to its progress and registrations.
 */
export function CampaignPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const user = useSessionUser();
  const { id = '' } = useParams();
  const state = useApi<CampaignDetail>(campaignPath(id));
  const missions = useApi<MissionPage>(ALL_MISSIONS_PATH);
  const countries = useApi<Country[]>(COUNTRIES_PATH);
  const arrived = (useLocation().state as { notice?: string } | null)?.notice ?? null;
  const [notice, setNotice] = useState<string | null>(arrived);
  const [confirming, setConfirming] = useState<'open' | 'close' | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  const campaign = state.data;
  const title = campaign ? titleOf(campaign.title, locale) : t('campaigns.list.title');
  useDocumentTitle(title);
  const retry = state.retry;

  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  const changed = useCallback(
    (message: string) => {
      setNotice(message);
      retry();
    },
    [retry],
  );
  const allocationFinished = useCallback(() => retry(), [retry]);

  async function changeState(action: 'open' | 'close') {
    if (busy || !campaign) return;
    setBusy(true);
    setError(null);
    try {
      await postJson<CampaignDetail>(`${campaignPath(campaign.id)}/${action}`);
      setConfirming(null);
      changed(action === 'open' ? t('campaigns.detail.opened') : t('campaigns.detail.closed'));
    } catch (failure) {
      setConfirming(null);
      setError(failure instanceof ApiError ? (failure.problem?.title ?? t('errors.network')) : t('errors.network'));
    } finally {
      setBusy(false);
    }
  }

  const countryName = (code: string) => countries.data?.find((c) => c.code === code)?.name[locale] ?? code;
  const isHq = user.role === 'hq_admin';
  const base = `/campaigns/${encodeURIComponent(id)}`;
  const ages = (min: number | null, max: number | null) =>
    min !== null && max !== null
      ? t('campaigns.detail.ageRange', { min, max })
      : min !== null
        ? t('campaigns.detail.ageMin', { min })
        : max !== null
          ? t('campaigns.detail.ageMax', { max })
          : t('campaigns.detail.anyAge');
  const list = (items: string[]) => items.join(locale === 'zh-CN' ? '、' : ', ');

  return (
    <>
      <p>
        <Link to="/campaigns">{t('campaigns.detail.back')}</Link>
      </p>
      <LoadError state={state} />
      {!campaign ? (
        state.status === 'loading' ? (
          <p role="status">{t('app.loading')}</p>
        ) : null
      ) : (
        <>
          <div className="page-head">
            <h1>
              {title} <CampaignStatusTag status={campaign.status} />
            </h1>
          </div>
          {notice ? (
            <div className="panel panel--success" ref={noticeRef} tabIndex={-1} role="status">
              <p>{notice}</p>
            </div>
          ) : null}
          {error ? (
            <div className="notice" role="alert">
              <p>{error}</p>
            </div>
          ) : null}
          <p lang={campaign.description[locale] ? locale : undefined}>{titleOf(campaign.description, locale)}</p>
          <dl className="summary-list">
            <dt>{t('campaigns.fields.code')}</dt>
            <dd>
              <code>{campaign.code}</code>
            </dd>
            <dt>{t('campaigns.fields.kind')}</dt>
            <dd>{t(`campaigns.kind.${campaign.kind}`)}</dd>
            <dt>{t('campaigns.detail.registration')}</dt>
            <dd>
              {t('campaigns.detail.period', {
                from: formatDateTime(campaign.registrationOpensAt, locale),
                until: formatDateTime(campaign.registrationClosesAt, locale),
              })}
            </dd>
            <dt>{t('campaigns.fields.allocation')}</dt>
            <dd>{t(`campaigns.allocation.${campaign.allocation}`)}</dd>
            <dt>{t('campaigns.fields.countries')}</dt>
            <dd>{list(campaign.eligibility.countries.map(countryName))}</dd>
            <dt>{t('campaigns.detail.ages')}</dt>
            <dd>{ages(campaign.eligibility.minAge, campaign.eligibility.maxAge)}</dd>
            <dt>{t('campaigns.fields.priorityGroups')}</dt>
            <dd>
              {campaign.eligibility.priorityGroups.length === 0 ? (
                t('campaigns.detail.noGroups')
              ) : (
                <ul className="camp-groups-list">
                  {[...campaign.eligibility.priorityGroups]
                    .sort((a, b) => a.rank - b.rank)
                    .map((g) => (
                      <li key={g.code}>
                        {t('campaigns.detail.groupRank', { rank: g.rank })} {titleOf(g.label, locale)}{' '}
                        <span className="muted">({g.code})</span>
                      </li>
                    ))}
                </ul>
              )}
            </dd>
            {campaign.vaccine ? (
              <>
                <dt>{t('campaigns.fields.productName')}</dt>
                <dd>
                  {t('campaigns.detail.product', {
                    product: campaign.vaccine.productName,
                    count: campaign.vaccine.dosesRequired,
                  })}
                  {campaign.vaccine.productCode ? null : <span className="muted"> {t('campaigns.detail.noDcc')}</span>}
                </dd>
              </>
            ) : null}
            <dt>{t('campaigns.detail.counts')}</dt>
            <dd>
              {t('campaigns.detail.countsValue', {
                registered: formatNumber(campaign.counts.registered, locale),
                allocated: formatNumber(campaign.counts.allocated, locale),
              })}
            </dd>
          </dl>

          <div className="button-group">
            {isHq ? (
              <Link className="button" to={`${base}/progress`}>
                {t('campaigns.detail.progress')}
              </Link>
            ) : null}
            <Link to={`${base}/registrations`}>{t('campaigns.detail.registrations')}</Link>
            {isHq && campaign.status !== 'closed' ? (
              <Link to={`${base}/edit`}>{t('campaigns.detail.edit')}</Link>
            ) : null}
          </div>

          {isHq && campaign.status !== 'closed' ? (
            confirming ? (
              <Confirm
                question={
                  confirming === 'open'
                    ? t('campaigns.detail.confirmOpen', { title })
                    : t('campaigns.detail.confirmClose', { title })
                }
                confirmLabel={
                  confirming === 'open'
                    ? t('campaigns.detail.confirmOpenButton')
                    : t('campaigns.detail.confirmCloseButton')
                }
                onConfirm={() => changeState(confirming)}
                onCancel={() => setConfirming(null)}
                busy={busy}
              />
            ) : (
              <div className="button-group">
                {campaign.status === 'draft' ? (
                  <button type="button" className="button" onClick={() => setConfirming('open')}>
                    {t('campaigns.detail.open')}
                  </button>
                ) : (
                  <button type="button" className="button button--warning" onClick={() => setConfirming('close')}>
                    {t('campaigns.detail.close')}
                  </button>
                )}
              </div>
            )
          ) : null}

          {isHq ? (
            <AllocationPanel
              campaign={campaign}
              canRun={isHq && campaign.status === 'open'}
              onFinished={allocationFinished}
            />
          ) : null}

          <CampaignSites
            campaign={campaign}
            user={user}
            missions={missions.data?.items ?? []}
            countries={countries.data ?? []}
            onChanged={changed}
          />
        </>
      )}
    </>
  );
}
