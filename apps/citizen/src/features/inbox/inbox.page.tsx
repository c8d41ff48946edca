import './inbox.css';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { ApiError } from '../../lib/api.client.ts';
import { dateTime } from '../../lib/format.ts';
import { LoadFailed } from '../offline/offline.component.tsx';
import { fetchInbox, type Inbox, type InboxItem, markAllRead, markRead } from './inbox.api.ts';
import { useInboxStream } from './use-inbox-stream.hook.ts';

type Loaded = { status: 'loading' } | { status: 'error' } | { status: 'ready'; inbox: Inbox };

/** The messages sent to this person (alerts, check-in requests, arrival notes), newest first, live. */
export function InboxPage() {
  const { t } = useTranslation();
  const [state, setState] = useState<Loaded>({ status: 'loading' });
  const [tick, setTick] = useState(0);
  const [more, setMore] = useState<{ items: InboxItem[]; nextBefore: string | null } | null>(null);
  const [busy, setBusy] = useState(false);
  useDocumentTitle(t('inbox.title'));
  const reload = useCallback(() => setTick((n) => n + 1), []);
  // A new message or a read mark from another device: read the first page again.
  const live = useInboxStream(true, reload);

  useEffect(() => {
    void tick;
    const controller = new AbortController();
    fetchInbox(null, controller.signal).then(
      (inbox) => {
        if (!controller.signal.aborted) setState({ status: 'ready', inbox });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState((s) => (s.status === 'ready' && error instanceof ApiError ? s : { status: 'error' }));
      },
    );
    return () => controller.abort();
  }, [tick]);

  // The stream's first report is only a baseline, and it may already hold an item that arrived after the first
  // page was read (both start together): the list is read again when its newest item is not the stream's.
  const newest = state.status === 'ready' ? (state.inbox.items[0]?.id ?? null) : undefined;
  useEffect(() => {
    if (live && newest !== undefined && live.latestId !== newest) reload();
  }, [live, newest, reload]);

  async function loadOlder(before: string) {
    setBusy(true);
    try {
      const page = await fetchInbox(before);
      setMore((m) => ({ items: [...(m?.items ?? []), ...page.items], nextBefore: page.nextBefore }));
    } finally {
      setBusy(false);
    }
  }

  async function read(id: string) {
    await markRead(id);
    setMore((m) =>
      m ? { ...m, items: m.items.map((i) => (i.id === id ? { ...i, readAt: new Date().toISOString() } : i)) } : m,
    );
    reload();
  }

  async function readAll() {
    await markAllRead();
    setMore((m) =>
      m ? { ...m, items: m.items.map((i) => ({ ...i, readAt: i.readAt ?? new Date().toISOString() })) } : m,
    );
    reload();
  }

  const inbox = state.status === 'ready' ? state.inbox : null;
  const items = inbox ? [...inbox.items, ...(more?.items ?? [])] : [];
  const nextBefore = more ? more.nextBefore : (inbox?.nextBefore ?? null);

  return (
    <>
      <h1>{t('inbox.title')}</h1>
      <p className="button-row">
        <Link to="/inbox/settings" className="button button--secondary">
          {t('inbox.settingsLink')}
        </Link>
        {inbox && inbox.unread > 0 ? (
          <button type="button" className="button button--secondary" onClick={() => void readAll()}>
            {t('inbox.readAll')}
          </button>
        ) : null}
      </p>
      <section aria-labelledby="inbox-heading" aria-busy={state.status === 'loading'}>
        <h2 id="inbox-heading" className="visually-hidden">
          {t('inbox.heading')}
        </h2>
        {state.status === 'loading' ? (
          <p role="status" className="hint">
            {t('common.loading')}
          </p>
        ) : null}
        {state.status === 'error' ? <LoadFailed onRetry={reload} /> : null}
        {inbox ? (
          <p role="status" className="hint">
            {inbox.unread > 0 ? t('inbox.unreadCount', { count: inbox.unread }) : t('inbox.allRead')}
          </p>
        ) : null}
        {inbox && items.length === 0 ? <p>{t('inbox.none')}</p> : null}
        {items.length > 0 ? (
          <ul className="item-list inbox-list">
            {items.map((item) => (
              <li key={item.id}>
                <InboxEntry item={item} onRead={() => void read(item.id)} />
              </li>
            ))}
          </ul>
        ) : null}
        {nextBefore ? (
          <p>
            <button
              type="button"
              className="button button--secondary"
              disabled={busy}
              onClick={() => void loadOlder(nextBefore)}
            >
              {t('inbox.older')}
            </button>
          </p>
        ) : null}
      </section>
    </>
  );
}

function InboxEntry({ item, onRead }: { item: InboxItem; onRead: () => void }) {
  const { t } = useTranslation();
  const unread = item.readAt === null;
  return (
    <article className={`item inbox-item${unread ? ' inbox-item--unread' : ''}`} lang={item.locale}>
      <h3 className="item__title">
        {unread ? <span className="tag inbox-item__new">{t('inbox.new')}</span> : null} {item.title}
      </h3>
      <p className="item__meta">
        <time dateTime={item.publishedAt}>{dateTime(item.publishedAt, currentLocale())}</time>
      </p>
      <p className="inbox-item__body">{item.body}</p>
      {item.actions.length > 0 ? (
        <p className="button-row">
          {item.actions.map((action) => (
            <a
              key={action.name}
              href={action.url}
              className={action.name === 'needHelp' ? 'button button--warning' : 'button'}
            >
              {t(`inbox.action.${action.name === 'needHelp' ? 'needHelp' : action.name === 'safe' ? 'safe' : 'open'}`)}
            </a>
          ))}
        </p>
      ) : null}
      <p className="button-row">
        {item.url ? (
          item.url.startsWith('/') ? (
            <Link to={item.url}>{t('inbox.more')}</Link>
          ) : (
            <a href={item.url}>{t('inbox.more')}</a>
          )
        ) : null}
        {unread ? (
          <button type="button" className="button button--secondary" onClick={onRead}>
            {t('inbox.markRead')}
            <span className="visually-hidden">: {item.title}</span>
          </button>
        ) : null}
      </p>
    </article>
  );
}
