import '../help/help.css';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { dateTime } from '../../lib/format.ts';
import { useHelpQueue } from '../help/help-queue.hook.ts';
import { QueuedRequestItem } from '../help/queued-request.component.tsx';
import { Pagination } from '../missions/pagination.component.tsx';
import { LoadFailed } from '../offline/offline.component.tsx';
import { CASES_PAGE_SIZE, type CasePage, casesPath } from './cases.api.ts';
import { useLiveCases } from './use-live.hook.ts';
import { useResource } from './use-resource.hook.ts';

/** My help requests: those still on this phone first, then the cases the missions hold, newest first. */
export function MyCasesPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [search] = useSearchParams();
  const page = Math.max(1, Number.parseInt(search.get('page') ?? '1', 10) || 1);
  const cases = useResource<CasePage>(casesPath(page));
  const queue = useHelpQueue();
  const waiting = (queue.items ?? []).filter((r) => r.state !== 'sent');
  useDocumentTitle(t('cases.list.title'));
  // A status change or a reply on any of them: read the list again.
  useLiveCases(cases.refresh, cases.refresh);

  return (
    <>
      <h1>{t('cases.list.title')}</h1>
      <p>
        <Link to="/help/request" className="button">
          {t('cases.list.newRequest')}
        </Link>
      </p>

      {waiting.length > 0 ? (
        <section aria-labelledby="queued-heading">
          <h2 id="queued-heading">{t('help.queue.heading')}</h2>
          <ul className="item-list">
            {waiting.map((request) => (
              <li key={request.id}>
                <QueuedRequestItem request={request} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="cases-heading" aria-busy={cases.status === 'loading'}>
        <h2 id="cases-heading">{t('cases.list.heading')}</h2>
        {cases.status === 'loading' ? (
          <p role="status" className="hint">
            {t('common.loading')}
          </p>
        ) : null}
        {cases.status === 'error' ? <LoadFailed onRetry={cases.retry} /> : null}
        {cases.data ? (
          cases.data.items.length === 0 ? (
            <p>{t('cases.list.none')}</p>
          ) : (
            <>
              <ul className="item-list">
                {cases.data.items.map((c) => (
                  <li key={c.id} className="item">
                    <h3 className="item__title">
                      <Link to={`/cases/${encodeURIComponent(c.id)}`}>
                        {c.number} · {t(`help.category.${c.category}`)}
                      </Link>
                    </h3>
                    <p className="item__meta">{t('cases.list.opened', { when: dateTime(c.openedAt, locale) })}</p>
                    <p>
                      <span className={`tag case-status case-status--${c.status}`}>
                        {t(`cases.status.${c.status}`)}
                      </span>{' '}
                      {t('cases.list.updated', { when: dateTime(c.updatedAt, locale) })}
                    </p>
                  </li>
                ))}
              </ul>
              <Pagination page={cases.data.page} total={cases.data.total} pageSize={CASES_PAGE_SIZE} />
            </>
          )
        ) : null}
      </section>
    </>
  );
}
