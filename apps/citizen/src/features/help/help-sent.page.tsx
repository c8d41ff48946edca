import './help.css';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { dateTime } from '../../lib/format.ts';
import { HotlineLink } from '../meta/hotline.component.tsx';
import { useOnline } from '../offline/use-online.hook.ts';
import { useHelpQueue } from './help-queue.hook.ts';
import { fileSize } from './help-request.model.ts';
import { QueuedActions, stateText } from './queued-request.component.tsx';

/**
 * After Send: the request as it stands, changing by itself from "Saved on this phone" to "Sent — case HW-…".
 * The status line is a live region, so the change is read out without the person doing anything.
 */
export function HelpSentPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const queue = useHelpQueue();
  const online = useOnline();
  const locale = currentLocale();
  const request = queue.items?.find((r) => r.id === id) ?? null;
  const title = !request
    ? t('help.sent.notFoundTitle')
    : request.case
      ? t('help.sent.sentTitle')
      : request.state === 'refused'
        ? t('help.sent.refusedTitle')
        : request.state === 'received'
          ? t('help.sent.receivedTitle')
          : t('help.sent.savedTitle');
  useDocumentTitle(queue.status === 'loading' ? t('help.sent.savedTitle') : title);

  if (queue.status === 'loading') {
    return (
      <p role="status" className="hint">
        {t('common.loading')}
      </p>
    );
  }

  return (
    <div className="narrow">
      <Link to="/help" className="back-link">
        {t('help.form.back')}
      </Link>
      <h1>{title}</h1>
      {/* Always in the page, so the change of state is announced. */}
      <div
        role="status"
        aria-live="polite"
        className={
          request?.case || request?.state === 'received'
            ? 'confirmation-panel help-state'
            : request?.state === 'refused'
              ? 'panel help-state help-state--refused'
              : 'panel help-state'
        }
      >
        {request ? (
          <>
            <p className="help-state__text">{stateText(request, online, t)}</p>
            {request.case ? <p className="help-state__number">{request.case.number}</p> : null}
          </>
        ) : (
          <p>{t('help.sent.notFound')}</p>
        )}
      </div>
      {request ? (
        <>
          {request.state === 'waiting' && !request.case ? (
            <p>{online ? t('help.sent.sendingExplain') : t('help.sent.savedExplain')}</p>
          ) : null}
          {request.state === 'received' && !request.case ? <p>{t('help.sent.receivedExplain')}</p> : null}
          {request.state === 'sign_in' ? <p>{t('help.sent.signInExplain')}</p> : null}
          {request.state === 'refused' ? (
            <div className="notice" role="alert">
              <p>
                <strong>{request.problem?.title}</strong>
              </p>
              <p>{t('help.sent.refusedExplain')}</p>
            </div>
          ) : null}
          {request.case ? <p>{t('help.sent.next')}</p> : null}
          <QueuedActions
            request={request}
            headingId="sent"
            onRemoved={() => navigate('/help', { state: { removed: true } })}
          />

          <h2>{t('help.sent.whatYouSent')}</h2>
          <dl className="summary-list">
            <div>
              <dt>{t('help.form.category')}</dt>
              <dd>{t(`help.category.${request.body.category}`)}</dd>
            </div>
            <div>
              <dt>{t('help.form.urgency')}</dt>
              <dd>{t(`help.urgency.${request.body.urgency}`)}</dd>
            </div>
            <div>
              <dt>{t('help.sent.savedAt')}</dt>
              <dd>{dateTime(new Date(request.createdAt).toISOString(), locale)}</dd>
            </div>
            {request.files.length > 0 ? (
              <div>
                <dt>{t('help.sent.files')}</dt>
                <dd>
                  <ul className="help-file-states">
                    {request.files.map((file) => (
                      <li key={file.key}>
                        {file.name} ({fileSize(file.size, locale)}) — {t(`help.sent.file_${file.state}`)}
                        {file.problem ? <span className="error-message"> {file.problem.title}</span> : null}
                      </li>
                    ))}
                  </ul>
                </dd>
              </div>
            ) : null}
          </dl>
        </>
      ) : null}
      <h2>{t('help.sent.urgentHeading')}</h2>
      <HotlineLink size="large" />
    </div>
  );
}
