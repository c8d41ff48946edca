import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/i18n.ts';
import { dateTime } from '../../lib/format.ts';
import { newKey } from '../../lib/offline-queue.ts';
import { errorsFromApi } from '../accounts/form.components.tsx';
import { fileSize } from '../help/help-request.model.ts';
import { TextArea } from '../registration/registration.fields.tsx';
import { attachmentPath, type CaseEvent, isCaseStatus, sendMessage } from './cases.api.ts';

const MAX_MESSAGE = 10_000;

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** One timeline entry as the person reads it. Bodies are plain text: React escapes them, scripts stay words. */
function EventItem({ event, caseId }: { event: CaseEvent; caseId: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const data = event.data ?? {};
  const when = (
    <time className="thread__time" dateTime={event.createdAt}>
      {dateTime(event.createdAt, locale)}
    </time>
  );
  if (event.kind === 'message' || event.kind === 'note') {
    const mine = event.author.kind === 'citizen';
    const who = mine
      ? t('cases.thread.you')
      : event.author.name
        ? t('cases.thread.officerNamed', { name: event.author.name })
        : t('cases.thread.officer');
    return (
      <li className={mine ? 'thread__item thread__item--mine' : 'thread__item thread__item--staff'}>
        <p className="thread__who">
          <strong>{who}</strong> {when}
        </p>
        <p className="thread__body">{event.body}</p>
      </li>
    );
  }
  let line: string;
  if (event.kind === 'created') line = t('cases.thread.created');
  else if (event.kind === 'status') {
    const to = data.to;
    line = t('cases.thread.status', { status: isCaseStatus(to) ? t(`cases.status.${to}`) : '' });
  } else if (event.kind === 'attachment') {
    const size = typeof data.sizeBytes === 'number' ? fileSize(data.sizeBytes, locale) : '';
    const id = text(data.attachmentId);
    return (
      <li className="thread__item thread__item--event">
        <p>
          {t('cases.thread.attachment')}{' '}
          {id ? (
            <a href={attachmentPath(caseId, id)} download>
              {text(data.fileName)}
            </a>
          ) : (
            text(data.fileName)
          )}{' '}
          {size ? <span className="hint">({size})</span> : null} {when}
        </p>
      </li>
    );
  } else line = t('cases.thread.updated');
  const reason = event.kind === 'status' ? text(data.reason) || event.body : null;
  return (
    <li className="thread__item thread__item--event">
      <p>
        {line} {when}
      </p>
      {reason ? <p className="thread__body">{reason}</p> : null}
    </li>
  );
}

/** The conversation with the mission, oldest first, and the box to write a message. */
export function CaseThread({
  caseId,
  events,
  onSent,
  closed,
}: {
  caseId: string;
  events: readonly CaseEvent[];
  onSent: () => void;
  closed: boolean;
}) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  // One key per message: pressing Send again after a lost answer does not post it twice.
  const key = useRef<{ body: string; key: string } | null>(null);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const trimmed = body.trim();
    if (!trimmed) {
      setError(t('cases.thread.messageMissing'));
      return;
    }
    if (trimmed.length > MAX_MESSAGE) {
      setError(t('cases.thread.messageLong', { max: MAX_MESSAGE }));
      return;
    }
    if (key.current?.body !== trimmed) key.current = { body: trimmed, key: newKey() };
    setBusy(true);
    setError(null);
    setSent(false);
    try {
      await sendMessage(caseId, trimmed, key.current.key);
      setBody('');
      key.current = null;
      setSent(true);
      onSent();
    } catch (failure) {
      const { fields, form } = errorsFromApi(failure, { '/body': 'message' }, t('cases.thread.notSent'));
      setError(fields.message ?? form ?? t('cases.thread.notSent'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="thread-heading" className="section-gap">
      <h2 id="thread-heading">{t('cases.thread.heading')}</h2>
      {events.length === 0 ? (
        <p>{t('cases.thread.empty')}</p>
      ) : (
        <ol className="thread">
          {events.map((e) => (
            <EventItem key={e.id} event={e} caseId={caseId} />
          ))}
        </ol>
      )}
      {closed ? (
        <p className="hint">{t('cases.thread.closed')}</p>
      ) : (
        <form noValidate onSubmit={onSubmit} className="thread__form">
          <TextArea
            id="message"
            label={t('cases.thread.messageLabel')}
            hint={t('cases.thread.messageHint')}
            error={error ?? undefined}
            value={body}
            onChange={(value) => {
              setBody(value);
              setSent(false);
            }}
            className="help-textarea"
            rows={4}
          />
          <button type="submit" className="button" aria-disabled={busy}>
            {t('cases.thread.send')}
          </button>
          <p role="status" className="hint">
            {sent ? t('cases.thread.sent') : ''}
          </p>
        </form>
      )}
    </section>
  );
}
