import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { formatNumber } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.hook.ts';
import { LoadFailed, SavedAge } from '../offline/offline.component.tsx';
import { CountrySelect } from './country-select.component.tsx';
import { MissionCard } from './mission-card.component.tsx';
import { COUNTRIES_PATH, type Country, type MissionPage, missionsPath, PAGE_SIZE } from './missions.api.ts';
import { Pagination } from './pagination.component.tsx';

function pageFrom(value: string | null): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : 1;
}

/** The mission directory. Search state lives in the URL so results can be shared and Back works. */
export function MissionsPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  useDocumentTitle(t('missions.title'));
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const country = params.get('country') ?? '';
  const page = pageFrom(params.get('page'));

  const [draftQ, setDraftQ] = useState(q);
  const [draftCountry, setDraftCountry] = useState(country);
  const countries = useApi<Country[]>(COUNTRIES_PATH);
  const results = useApi<MissionPage>(missionsPath({ q, country, page }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (draftQ.trim()) next.set('q', draftQ.trim());
    if (draftCountry) next.set('country', draftCountry);
    setParams(next);
  };

  const data = results.data;
  const from = data ? (data.page - 1) * data.pageSize + 1 : 0;
  const to = data ? Math.min(data.total, from + data.items.length - 1) : 0;

  return (
    <>
      <h1>{t('missions.title')}</h1>
      <p className="lead">{t('missions.intro')}</p>
      <search>
        <form className="search-form" onSubmit={onSubmit} action="/missions" method="get">
          <div className="form-group">
            <label className="label" htmlFor="missions-q">
              {t('missions.searchLabel')}
            </label>
            <input
              id="missions-q"
              className="input"
              type="search"
              name="q"
              autoComplete="off"
              value={draftQ}
              onChange={(event) => setDraftQ(event.target.value)}
            />
          </div>
          {countries.data ? (
            <CountrySelect
              countries={countries.data}
              value={draftCountry}
              onChange={setDraftCountry}
              label={t('missions.countryLabel')}
              emptyLabel={t('missions.anyCountry')}
              name="country"
            />
          ) : null}
          <div className="button-row">
            <button type="submit" className="button">
              {t('missions.submit')}
            </button>
            {q || country ? (
              <Link
                to="/missions"
                className="button-link"
                onClick={() => {
                  setDraftQ('');
                  setDraftCountry('');
                }}
              >
                {t('missions.clear')}
              </Link>
            ) : null}
          </div>
        </form>
      </search>

      <section aria-labelledby="results-heading" aria-busy={results.status === 'loading'}>
        <h2 id="results-heading" className="visually-hidden">
          {t('missions.resultsHeading')}
        </h2>
        {results.status === 'error' ? <LoadFailed onRetry={results.retry} /> : null}
        {results.savedAt !== null ? <SavedAge savedAt={results.savedAt} /> : null}
        {data ? (
          <>
            <p className="result-count">
              <strong>{t('missions.count', { count: data.total, formatted: formatNumber(data.total, locale) })}</strong>
              {data.total > 0 ? (
                <>
                  {' · '}
                  {t('missions.range', {
                    from: formatNumber(from, locale),
                    to: formatNumber(to, locale),
                    total: formatNumber(data.total, locale),
                  })}
                </>
              ) : null}
            </p>
            {data.items.length === 0 ? <p>{t('missions.none')}</p> : null}
            <ul className="mission-list">
              {data.items.map((mission) => (
                <li key={mission.code}>
                  <MissionCard mission={mission} countries={countries.data} />
                </li>
              ))}
            </ul>
            <Pagination page={data.page} total={data.total} pageSize={data.pageSize || PAGE_SIZE} />
          </>
        ) : null}
      </section>
    </>
  );
}
