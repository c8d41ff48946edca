import './campaigns.css';
import { type FormEvent, useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { ApiError, postJson } from '../../lib/api.client.ts';
import { utcOffset } from '../../lib/format.ts';
import { LoadError } from '../../lib/load-error.component.tsx';
import { canScanQr, QrScan } from '../../lib/qr-scan.component.tsx';
import { useApi } from '../../lib/use-api.hook.ts';
import { useShortcutsEnabled, useSingleKeyShortcut } from '../settings/shortcuts.store.ts';
import {
  type CampaignDetail,
  CHECK_IN_PATH,
  campaignPath,
  type Registration,
  type SiteDay,
  siteDayPath,
  timeAt,
  titleOf,
  todayIn,
} from './campaigns.api.ts';
import { DayTable } from './day-table.component.tsx';

/**
 * A site's day for the mission that runs it: who comes when and where each stands; check-in by the QR code on the
 * person's phone (camera, or a handheld scanner or the keyboard typing the code under it); the dose given; no-shows.
 * Keys: / goes to the code, j and k move between people, Enter acts (single keys can be turned off in the footer).
 */
export function SiteDayPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { id = '', siteId = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const campaign = useApi<CampaignDetail>(campaignPath(id));
  const site = campaign.data?.sites.find((s) => s.id === siteId);
  const zone = site?.timeZone ?? 'UTC';
  const date = search.get('date') ?? (site ? todayIn(zone) : '');
  const day = useApi<SiteDay>(site && date ? siteDayPath(id, siteId, date) : null);
  const [code, setCode] = useState('');
  const [scanning, setScanning] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const codeInput = useRef<HTMLInputElement>(null);
  const shortcuts = useShortcutsEnabled();
  useSingleKeyShortcut(
    '/',
    useCallback(() => codeInput.current?.focus(), []),
  );
  const siteName = site ? titleOf(site.name, locale) : '';
  useDocumentTitle(siteName ? t('campaigns.desk.title', { site: siteName }) : t('campaigns.desk.titlePlain'));

  async function checkIn(value: string) {
    setResult(null);
    try {
      const done = await postJson<Registration>(CHECK_IN_PATH, { code: value.trim() });
      const at = done.allocation ? timeAt(done.allocation.startsAt, zone, locale) : '';
      setResult({ ok: true, text: t('campaigns.desk.checkedIn', { name: done.personName, time: at }) });
      setCode('');
      day.retry();
    } catch (error) {
      const problem = error instanceof ApiError ? error.problem : null;
      // The server's words fit every registration change; at the desk it means the code was used already.
      const text =
        problem?.code === 'campaign_registration_not_changeable'
          ? t('campaigns.desk.codeUsed')
          : (problem?.title ?? t('errors.network'));
      setResult({ ok: false, text });
    }
    codeInput.current?.focus();
  }

  function submitCode(event: FormEvent) {
    event.preventDefault();
    if (code.trim()) void checkIn(code);
  }

  // The camera loop keeps one callback while it runs; it calls the latest check-in through this ref.
  const latestCheckIn = useRef(checkIn);
  latestCheckIn.current = checkIn;
  const onScanned = useCallback((scanned: string) => {
    setScanning(false);
    void latestCheckIn.current(scanned);
  }, []);

  return (
    <>
      <p>
        <Link to={`/campaigns/${encodeURIComponent(id)}`}>
          {t('campaigns.desk.back', { name: campaign.data ? titleOf(campaign.data.title, locale) : '…' })}
        </Link>
      </p>
      <h1>{siteName ? t('campaigns.desk.title', { site: siteName }) : t('campaigns.desk.titlePlain')}</h1>
      <LoadError state={campaign} />
      {campaign.data && !site ? <p role="alert">{t('campaigns.desk.noSite')}</p> : null}
      {site ? (
        <>
          <p>
            {site.address} ·{' '}
            {t('campaigns.desk.localTime', { zone: site.timeZone, offset: utcOffset(zone, new Date()) })}
          </p>
          <div className="camp-filters">
            <div className="form-group">
              <label className="label" htmlFor="day-date">
                {t('campaigns.desk.date')}
              </label>
              <input
                id="day-date"
                className="input"
                type="date"
                value={date}
                onChange={(e) => {
                  const params = new URLSearchParams(search);
                  params.set('date', e.target.value);
                  setSearch(params);
                }}
              />
            </div>
          </div>

          <section aria-labelledby="checkin-title" className="camp-checkin">
            <h2 id="checkin-title">{t('campaigns.desk.checkIn')}</h2>
            <form onSubmit={submitCode} className="camp-code-form">
              <div className="form-group">
                <label className="label" htmlFor="camp-code">
                  {t('campaigns.desk.code')}
                </label>
                <p className="hint" id="camp-code-hint">
                  {t('campaigns.desk.codeHint')}
                  {shortcuts ? ` ${t('campaigns.desk.keysHint')}` : ''}
                </p>
                <input
                  ref={codeInput}
                  id="camp-code"
                  className="input"
                  autoComplete="off"
                  spellCheck={false}
                  aria-describedby="camp-code-hint"
                  value={code}
                  onChange={(e) => {
                    setCode(e.target.value);
                    setResult(null);
                  }}
                />
              </div>
              <button type="submit" className="button">
                {t('campaigns.desk.checkInButton')}
              </button>
              {canScanQr() && !scanning ? (
                <button type="button" className="button button--secondary" onClick={() => setScanning(true)}>
                  {t('campaigns.desk.scan')}
                </button>
              ) : null}
            </form>
            {scanning ? <QrScan onCode={onScanned} onStop={() => setScanning(false)} /> : null}
            <div aria-live="polite">
              {result ? <p className={result.ok ? 'notice camp-notice--success' : 'notice'}>{result.text}</p> : null}
            </div>
          </section>

          <section aria-labelledby="day-title" aria-busy={day.status === 'loading'}>
            <LoadError state={day} />
            <DayTable
              headingId="day-title"
              day={day.data}
              loading={day.status === 'loading'}
              campaign={campaign.data ?? null}
              timeZone={zone}
              onChanged={day.retry}
            />
          </section>
        </>
      ) : campaign.status === 'loading' ? (
        <p role="status">{t('app.loading')}</p>
      ) : null}
    </>
  );
}
