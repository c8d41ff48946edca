import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/i18n.ts';
import { ApiError, postJson } from '../../lib/api.client.ts';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { LoadError } from '../../lib/load-error.component.tsx';
import { useApi } from '../../lib/use-api.hook.ts';
import { Confirm } from '../forms/confirm.component.tsx';
import { type AllocationRun, allocatePath, allocationPath, type CampaignDetail } from './campaigns.api.ts';

/** While a run is queued or running the panel asks again this often. */
const LIVE_REFRESH_MS = 2000;

/**
 * Allocation: the last run's counts (considered, given a seat, still waiting) and, for HQ, "Run allocation" after a
 * confirmation that says what it does. The run is a durable job; the panel follows it until it is done.
 */
export function AllocationPanel({
  campaign,
  canRun,
  onFinished,
}: {
  campaign: CampaignDetail;
  canRun: boolean;
  onFinished: () => void;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const state = useApi<{ run: AllocationRun | null }>(allocationPath(campaign.id));
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = state.data?.run ?? null;
  const live = run?.status === 'queued' || run?.status === 'running';
  const retry = state.retry;

  useEffect(() => {
    if (!live) return;
    const timer = setInterval(retry, LIVE_REFRESH_MS);
    return () => clearInterval(timer);
  }, [live, retry]);

  // When a run this page follows finishes, the sites' seat counts change too.
  const [followed, setFollowed] = useState<string | null>(null);
  useEffect(() => {
    if (followed && run?.id === followed && !live) {
      setFollowed(null);
      onFinished();
    }
  }, [followed, run, live, onFinished]);

  async function start() {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const answer = await postJson<{ jobId: string; runId: string }>(allocatePath(campaign.id));
      setFollowed(answer.runId);
      setConfirming(false);
      retry();
    } catch (failure) {
      setConfirming(false);
      setError(failure instanceof ApiError ? (failure.problem?.title ?? t('errors.network')) : t('errors.network'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="section camp-allocation" aria-labelledby="camp-allocation-heading">
      <h2 id="camp-allocation-heading">{t('campaigns.allocationRun.title')}</h2>
      <p>{t(`campaigns.allocationHint.${campaign.allocation}`)}</p>
      <LoadError state={state} />
      <div aria-live="polite">
        {state.data ? (
          run ? (
            <>
              <p>
                <strong>{t(`campaigns.allocationRun.status.${run.status}`)}</strong>{' '}
                {t('campaigns.allocationRun.requested', { time: formatDateTime(run.requestedAt, locale) })}
                {run.finishedAt
                  ? ` ${t('campaigns.allocationRun.finished', { time: formatDateTime(run.finishedAt, locale) })}`
                  : ''}
              </p>
              {run.status === 'done' ? (
                <dl className="camp-figures">
                  <div className="camp-figure">
                    <dt className="camp-figure__label">{t('campaigns.allocationRun.considered')}</dt>
                    <dd className="camp-figure__value">{formatNumber(run.considered, locale)}</dd>
                  </div>
                  <div className="camp-figure">
                    <dt className="camp-figure__label">{t('campaigns.allocationRun.allocated')}</dt>
                    <dd className="camp-figure__value">{formatNumber(run.allocated, locale)}</dd>
                  </div>
                  <div className="camp-figure camp-figure--amber">
                    <dt className="camp-figure__label">{t('campaigns.allocationRun.waiting')}</dt>
                    <dd className="camp-figure__value">{formatNumber(run.waiting, locale)}</dd>
                  </div>
                </dl>
              ) : null}
            </>
          ) : (
            <p>{t('campaigns.allocationRun.never')}</p>
          )
        ) : null}
        {error ? (
          <p className="notice" role="alert">
            {error}
          </p>
        ) : null}
      </div>
      {canRun ? (
        confirming ? (
          <Confirm
            question={t('campaigns.allocationRun.confirm', {
              mode: t(`campaigns.allocation.${campaign.allocation}`),
            })}
            confirmLabel={t('campaigns.allocationRun.confirmButton')}
            onConfirm={start}
            onCancel={() => setConfirming(false)}
            busy={busy}
          />
        ) : (
          <button
            type="button"
            className="button"
            aria-disabled={live}
            onClick={() => (live ? undefined : setConfirming(true))}
          >
            {live ? t('campaigns.allocationRun.running') : t('campaigns.allocationRun.run')}
          </button>
        )
      ) : null}
    </section>
  );
}
