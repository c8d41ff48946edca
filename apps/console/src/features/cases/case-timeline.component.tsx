import { CASE_STATUSES, type CaseEvent, type CaseStatus } from '@homeward/shared';
import { type FormEvent, type KeyboardEvent, type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { currentLocale } from '../../i18n/i18n.ts';
import { ApiError } from '../../lib/api.client.ts';
import { formatDateTime } from '../../lib/format.ts';
import { escalationKey } from './case-facts.component.tsx';
import type { Timeline } from './case-timeline.hook.ts';
import { attachmentPath, postMessage, postNote } from './cases.api.ts';
import { useSaid } from './said.hook.ts';

function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

function statusName(value: unknown, locale: 'zh-CN' | 'en'): string {
  const key = text(value);
  return key in CASE_STATUSES ? CASE_STATUSES[key as CaseStatus][locale] : key;
}

function formatBytes(size: number, locale: 'zh-CN' | 'en'): string {
  const units = ['byte', 'kilobyte', 'megabyte'] as const;
  let value = size;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: units[unit],
    unitDisplay: 'short',
    maximumFractionDigits: 1,
  }).format(value);
}

/** One line of the timeline in words: what happened, by whom, and for whom it is visible. */
function EventEntry({ event }: { event: CaseEvent }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const d = event.data ?? {};
  const who =
    event.author.kind === 'citizen'
      ? t('cases.timeline.byCitizen', { name: event.author.name ?? '' })
      : event.author.kind === 'system'
        ? t('cases.timeline.bySystem')
        : (event.author.name ?? t('cases.timeline.byStaff'));

  let title: string;
  let tag: { className: string; label: string } | null = null;
  let extra: ReactNode = null;
  switch (event.kind) {
    case 'created':
      title = t('cases.timeline.created');
      break;
    case 'status':
      title = t('cases.timeline.status', { from: statusName(d.from, locale), to: statusName(d.to, locale) });
      if (d.reason) extra = <p className="timeline__body">{t('cases.timeline.reason', { reason: text(d.reason) })}</p>;
      break;
    case 'note':
      title = event.visibility === 'citizen' ? t('cases.timeline.noteCitizen') : t('cases.timeline.note');
      break;
    case 'message':
      title = event.author.kind === 'citizen' ? t('cases.timeline.messageIn') : t('cases.timeline.messageOut');
      break;
    case 'attachment':
      title = t('cases.timeline.attachment');
      extra = (
        <p className="timeline__body">
          <a href={attachmentPath(event.caseId, text(d.attachmentId))} download={text(d.fileName)}>
            {t('cases.timeline.download', { name: text(d.fileName) })}
          </a>{' '}
          <span className="muted">
            ({text(d.mediaType)}, {formatBytes(Number(d.sizeBytes) || 0, locale)})
          </span>
        </p>
      );
      break;
    case 'assigned':
      title = d.name ? t('cases.timeline.assigned', { name: text(d.name) }) : t('cases.timeline.unassigned');
      break;
    case 'priority':
      title = t('cases.timeline.priority', { from: text(d.from), to: text(d.to) });
      break;
    case 'escalated':
      title = t('cases.timeline.escalated', { level: t(escalationKey(d.level ?? 1)) });
      if (d.reason) extra = <p className="timeline__body">{t('cases.timeline.reason', { reason: text(d.reason) })}</p>;
      break;
    case 'merged':
      title = t('cases.timeline.merged', { number: text(d.intoNumber) });
      if (d.intoId)
        extra = (
          <Link to={`/cases/${text(d.intoId)}`}>{t('cases.timeline.openCase', { number: text(d.intoNumber) })}</Link>
        );
      break;
    case 'merged_from':
      title = t('cases.timeline.mergedFrom', { number: text(d.fromNumber) });
      if (d.fromId)
        extra = (
          <Link to={`/cases/${text(d.fromId)}`}>{t('cases.timeline.openCase', { number: text(d.fromNumber) })}</Link>
        );
      break;
    case 'task':
      title = t(`cases.timeline.task.${d.action === 'done' || d.action === 'reopened' ? d.action : 'added'}`, {
        title: text(d.title),
      });
      break;
    case 'incident':
      title = d.incidentId
        ? t('cases.timeline.incident', { title: text(d.title) })
        : t('cases.timeline.incidentRemoved');
      break;
    case 'person':
      title = t('cases.timeline.person', {
        name: text(d.name),
        role: t(`cases.persons.role.${d.role === 'reporter' || d.role === 'next_of_kin' ? d.role : 'subject'}`),
      });
      break;
    case 'sla':
      title = t('cases.timeline.sla', {
        target: t(d.target === 'next_update' ? 'cases.sla.nextUpdate' : 'cases.sla.firstResponse'),
        state: t(`cases.sla.state.${d.state === 'red' ? 'red' : 'amber'}`),
      });
      break;
    case 'call':
      title = t('cases.timeline.call');
      break;
    default:
      title = event.kind;
  }
  if (event.kind === 'note' || event.kind === 'message') {
    tag =
      event.visibility === 'citizen'
        ? { className: 'tag tag--citizen', label: t('cases.timeline.visibleToPerson') }
        : { className: 'tag tag--internal', label: t('cases.timeline.internal') };
  }
  const kindClass = event.kind === 'note' && event.visibility === 'internal' ? 'timeline__item--internal' : '';
  const fromCitizen = event.author.kind === 'citizen' ? 'timeline__item--citizen' : '';
  return (
    <li className={`timeline__item ${kindClass} ${fromCitizen}`.trim()}>
      <p className="timeline__head">
        <strong>{title}</strong> {tag ? <span className={tag.className}>{tag.label}</span> : null}
      </p>
      <p className="timeline__meta">
        {who} · <time dateTime={event.createdAt}>{formatDateTime(event.createdAt, locale)}</time>
      </p>
      {event.body ? <p className="timeline__body">{event.body}</p> : null}
      {extra}
    </li>
  );
}

/** The case history, oldest first, as the MOJ timeline: handover at a glance. */
export function CaseTimeline({ timeline }: { timeline: Timeline }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="case-timeline-title">
      <h2 id="case-timeline-title">{t('cases.timeline.title')}</h2>
      {timeline.status === 'loading' ? (
        <p role="status" aria-busy="true">
          {t('app.loading')}
        </p>
      ) : timeline.status === 'error' ? (
        <div className="notice" role="alert">
          <p>{timeline.error?.problem?.title ?? t('errors.network')}</p>
          <button type="button" className="button button--secondary" onClick={timeline.refresh}>
            {t('errors.retry')}
          </button>
        </div>
      ) : timeline.events.length === 0 ? (
        <p>{t('cases.timeline.empty')}</p>
      ) : (
        <ol className="timeline">
          {timeline.events.map((event) => (
            <EventEntry key={event.id} event={event} />
          ))}
        </ol>
      )}
    </section>
  );
}

/**
 * Reply to the person (they see it, and get told) or an internal note (staff only): the choice is explicit and
 * the button says which. Ctrl+Enter sends. A failed send keeps the text.
 */
export function CaseComposer({ caseId, onSent }: { caseId: string; onSent: () => void }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'message' | 'note'>('message');
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useSaid();
  const form = useRef<HTMLFormElement>(null);

  const send = async () => {
    if (busy) return;
    const text = body.trim();
    if (!text) {
      setError(t(mode === 'message' ? 'cases.composer.emptyMessage' : 'cases.composer.emptyNote'));
      return;
    }
    setBusy(true);
    setError(null);
    setSent(null);
    try {
      await (mode === 'message' ? postMessage(caseId, text) : postNote(caseId, text));
      setBody('');
      const sentKey = mode === 'message' ? 'cases.composer.sentMessage' : 'cases.composer.sentNote';
      setSent(() => t(sentKey));
      onSent();
    } catch (caught) {
      setError(
        caught instanceof ApiError && caught.status !== 0
          ? (caught.problem?.errors?.[0]?.message ?? caught.problem?.title ?? t('errors.network'))
          : t('errors.network'),
      );
    } finally {
      setBusy(false);
    }
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void send();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void send();
    }
  };

  return (
    <form ref={form} className="case-composer" onSubmit={onSubmit} noValidate aria-labelledby="case-composer-title">
      <h2 id="case-composer-title">{t('cases.composer.title')}</h2>
      <fieldset className="fieldset">
        <legend className="label">{t('cases.composer.kind')}</legend>
        <div className="radios radios--inline">
          <div className="checkbox">
            <input
              id="composer-message"
              type="radio"
              name="composer-kind"
              checked={mode === 'message'}
              onChange={() => setMode('message')}
            />
            <label htmlFor="composer-message">{t('cases.composer.message')}</label>
          </div>
          <div className="checkbox">
            <input
              id="composer-note"
              type="radio"
              name="composer-kind"
              checked={mode === 'note'}
              onChange={() => setMode('note')}
            />
            <label htmlFor="composer-note">{t('cases.composer.note')}</label>
          </div>
        </div>
      </fieldset>
      <div className={error ? 'form-group form-group--error' : 'form-group'}>
        <label className="label" htmlFor="composer-body">
          {mode === 'message' ? t('cases.composer.messageLabel') : t('cases.composer.noteLabel')}
        </label>
        <p className="hint" id="composer-body-hint">
          {mode === 'message' ? t('cases.composer.messageHint') : t('cases.composer.noteHint')}
        </p>
        {error ? (
          <p className="error-message" id="composer-body-error" role="alert">
            <span className="visually-hidden">{t('errors.prefix')}</span>
            {error}
          </p>
        ) : null}
        <textarea
          id="composer-body"
          className={error ? 'textarea textarea--error' : 'textarea'}
          rows={4}
          maxLength={10_000}
          value={body}
          aria-describedby={error ? 'composer-body-hint composer-body-error' : 'composer-body-hint'}
          aria-invalid={error ? true : undefined}
          onChange={(event) => setBody(event.target.value)}
          onKeyDown={onKeyDown}
        />
      </div>
      <div className="button-group">
        <button
          type="submit"
          className={mode === 'message' ? 'button' : 'button button--secondary'}
          aria-disabled={busy}
        >
          {mode === 'message' ? t('cases.composer.sendMessage') : t('cases.composer.sendNote')}
        </button>
        <p className="hint">{t('cases.composer.ctrlEnter')}</p>
      </div>
      <p role="status" className="case-composer__status">
        {sent}
      </p>
    </form>
  );
}
