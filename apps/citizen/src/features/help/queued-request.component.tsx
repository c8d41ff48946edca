import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { currentLocale } from '../../i18n/i18n.ts';
import { dateTime } from '../../lib/format.ts';
import { dismissRefusedFiles, flushQueue, type QueuedRequest, removeQueued } from '../../lib/offline-queue.ts';
import { ConfirmPanel } from '../accounts/form.components.tsx';
import { useOnline } from '../offline/use-online.hook.ts';

/** Where a request saved on this phone stands, in words: the words the e2e test and the person read. */
export function stateText(request: QueuedRequest, online: boolean, t: TFunction): string {
  if (request.state === 'refused') return t('help.queue.refused');
  if (request.state === 'sign_in') return t('help.queue.signIn');
  if (request.case) {
    const filesLeft = request.files.some((f) => f.state === 'waiting');
    if (request.state === 'sent' || !filesLeft) return t('help.queue.sent', { number: request.case.number });
    return t('help.queue.sentFilesWaiting', { number: request.case.number });
  }
  if (request.state === 'received') return t('help.queue.received');
  return online ? t('help.queue.sending') : t('help.queue.saved');
}

/** The actions a request allows: try now, sign in, change or remove a refused one, open the case. */
export function QueuedActions({
  request,
  headingId,
  onRemoved,
}: {
  request: QueuedRequest;
  headingId: string;
  onRemoved?: () => void;
}) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const refusedFiles = request.files.filter((f) => f.state === 'refused');

  if (confirming) {
    return (
      <ConfirmPanel
        id={`${headingId}-confirm`}
        question={t('help.queue.removeQuestion')}
        detail={t('help.queue.removeDetail')}
        yes={t('help.queue.removeYes')}
        busy={busy}
        onYes={() => {
          setBusy(true);
          removeQueued(request.id).then(
            () => onRemoved?.(),
            () => setBusy(false),
          );
        }}
        onCancel={() => setConfirming(false)}
      />
    );
  }

  return (
    <div className="button-row">
      {request.case ? (
        <Link to={`/cases/${encodeURIComponent(request.case.id)}`} className="button">
          {t('help.queue.openCase', { number: request.case.number })}
        </Link>
      ) : null}
      {request.state === 'waiting' ? (
        <button type="button" className="button button--secondary" onClick={() => void flushQueue({ force: true })}>
          {t('help.queue.tryNow')}
        </button>
      ) : null}
      {request.state === 'sign_in' ? (
        <Link to={`/sign-in?next=${encodeURIComponent(`/help/requests/${request.id}`)}`} className="button">
          {t('nav.signIn')}
        </Link>
      ) : null}
      {request.state === 'refused' ? (
        <>
          <Link to={`/help/request?change=${encodeURIComponent(request.id)}`} className="button">
            {t('help.queue.change')}
          </Link>
          <button type="button" className="button button--warning" onClick={() => setConfirming(true)}>
            {t('help.queue.remove')}
          </button>
        </>
      ) : null}
      {request.state === 'sent' && refusedFiles.length > 0 ? (
        <button type="button" className="button button--secondary" onClick={() => void dismissRefusedFiles(request.id)}>
          {t('help.queue.dismissFiles')}
        </button>
      ) : null}
    </div>
  );
}

/** One request saved on this phone, in a list (help page, my cases). */
export function QueuedRequestItem({ request }: { request: QueuedRequest }) {
  const { t } = useTranslation();
  const online = useOnline();
  const locale = currentLocale();
  const headingId = `queued-${request.id}`;
  return (
    <article className="item help-queued" aria-labelledby={headingId}>
      <h3 className="item__title" id={headingId}>
        <Link to={`/help/requests/${encodeURIComponent(request.id)}`}>
          {t(`help.category.${request.body.category}`)}
        </Link>
      </h3>
      <p className="item__meta">
        <time dateTime={new Date(request.createdAt).toISOString()}>
          {dateTime(new Date(request.createdAt).toISOString(), locale)}
        </time>
      </p>
      <p className={request.state === 'refused' ? 'warning-text' : undefined}>
        <strong>{stateText(request, online, t)}</strong>
      </p>
      {request.state === 'refused' && request.problem ? <p>{request.problem.title}</p> : null}
    </article>
  );
}
