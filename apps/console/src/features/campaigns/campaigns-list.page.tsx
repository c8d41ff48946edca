import './campaigns.css';
import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { LoadError } from '../../lib/load-error.component.tsx';
import { useApi } from '../../lib/use-api.hook.ts';
import { useSessionUser } from '../auth/session.context.tsx';
import { Pagination } from '../missions/pagination.component.tsx';
import { useShortcutsEnabled, useSingleKeyShortcut } from '../settings/shortcuts.store.ts';
import { CampaignStatusTag } from './campaign-status-tag.component.tsx';
import { CAMPAIGNS_PAGE_SIZE, type CampaignList, campaignsPath, titleOf } from './campaigns.api.ts';

/**
 * Every campaign (vaccination abroad and others), newest first: HQ defines them here; mission staff open the one
 * whose sites they run. The search and the page are in the address, so a view can be shared and Back restores it.
 */
export function CampaignsListPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const user = useSessionUser();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const state = useApi<CampaignList>(campaignsPath({ q, page }));
  const [draft, setDraft] = useState(q);
  useEffect(() => setDraft(q), [q]);
  const searchRef = useRef<HTMLInputElement>(null);
  const shortcuts = useShortcutsEnabled();
  useSingleKeyShortcut(
    '/',
    useCallback(() => searchRef.current?.focus(), []),
  );
  useDocumentTitle(t('campaigns.list.title'));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (draft.trim()) next.set('q', draft.trim());
    setParams(next);
  };

  const data = state.data;
  return (
    <>
      <div className="page-head">
        <h1>{t('campaigns.list.title')}</h1>
        {user.role === 'hq_admin' ? (
          <Link to="/campaigns/new" className="button">
            {t('campaigns.list.create')}
          </Link>
        ) : null}
      </div>
      <p>{t('campaigns.list.intro')}</p>
      <search className="filter">
        <form onSubmit={onSubmit} className="filter__form">
          <div className="form-group">
            <label className="label" htmlFor="camp-q">
              {t('campaigns.list.search')}
            </label>
            {shortcuts ? (
              <p className="hint" id="camp-q-hint">
                {t('campaigns.list.searchHint')}
              </p>
            ) : null}
            <input
              id="camp-q"
              ref={searchRef}
              className="input"
              type="search"
              autoComplete="off"
              value={draft}
              onChange={(event) => setDraft(event.target.value)}
              aria-describedby={shortcuts ? 'camp-q-hint' : undefined}
            />
          </div>
          <div className="filter__actions">
            <button type="submit" className="button">
              {t('campaigns.list.searchButton')}
            </button>
            {q ? (
              <Link to="/campaigns" className="link-button">
                {t('campaigns.list.clear')}
              </Link>
            ) : null}
          </div>
        </form>
      </search>
      <LoadError state={state} />
      {data ? (
        data.items.length === 0 ? (
          <p>{q ? t('campaigns.list.noMatch', { q }) : t('campaigns.list.empty')}</p>
        ) : (
          <>
            <p role="status" className="count">
              {t('campaigns.list.count', { count: data.total, formatted: formatNumber(data.total, locale) })}
            </p>
            {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1). */}
            <section className="table-wrap camp-table-wrap" aria-label={t('campaigns.list.title')} tabIndex={0}>
              <table className="table">
                <caption className="visually-hidden">{t('campaigns.list.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('campaigns.fields.title')}</th>
                    <th scope="col">{t('campaigns.fields.code')}</th>
                    <th scope="col">{t('campaigns.fields.kind')}</th>
                    <th scope="col">{t('campaigns.fields.status')}</th>
                    <th scope="col">{t('campaigns.fields.opens')}</th>
                    <th scope="col">{t('campaigns.fields.closes')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((c) => (
                    <tr key={c.id}>
                      <th scope="row">
                        <Link to={`/campaigns/${encodeURIComponent(c.id)}`}>{titleOf(c.title, locale)}</Link>
                      </th>
                      <td>
                        <code>{c.code}</code>
                      </td>
                      <td>{t(`campaigns.kind.${c.kind}`)}</td>
                      <td>
                        <CampaignStatusTag status={c.status} />
                      </td>
                      <td className="nowrap">{formatDateTime(c.registrationOpensAt, locale)}</td>
                      <td className="nowrap">{formatDateTime(c.registrationClosesAt, locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
            <Pagination page={data.page} total={data.total} pageSize={CAMPAIGNS_PAGE_SIZE} />
          </>
        )
      ) : state.status === 'loading' ? (
        <p className="loading" role="status">
          {t('app.loading')}
        </p>
      ) : null}
    </>
  );
}
