import type { CaseTask } from '@homeward/shared';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/i18n.ts';
import { ApiError } from '../../lib/api.client.ts';
import { formatDateTime } from '../../lib/format.ts';
import { addTask, updateTask } from './cases.api.ts';
import { useSaid } from './said.hook.ts';

function messageOf(error: unknown, fallback: string): string {
  if (error instanceof ApiError && error.status !== 0) {
    return error.problem?.errors?.[0]?.message ?? error.problem?.title ?? fallback;
  }
  return fallback;
}

/** A local date-time from <input type="datetime-local"> as an ISO instant; '' stays empty. */
function toIso(local: string): string | null {
  if (!local) return null;
  const at = new Date(local);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

/** What still has to be done on the case, with due dates; overdue ones say so in words, not only in red. */
export function CaseTasks({
  caseId,
  tasks,
  now,
  onChanged,
}: {
  caseId: string;
  tasks: CaseTask[];
  now: number;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [title, setTitle] = useState('');
  const [due, setDue] = useState('');
  const [error, setError] = useState<{ field: 'title' | 'due' | null; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useSaid();

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!title.trim()) {
      setError({ field: 'title', message: t('cases.tasks.titleMissing') });
      return;
    }
    const dueAt = toIso(due);
    if (due && !dueAt) {
      setError({ field: 'due', message: t('cases.tasks.dueInvalid') });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await addTask(caseId, { title: title.trim(), dueAt });
      setTitle('');
      setDue('');
      setStatus(() => t('cases.tasks.added'));
      onChanged();
    } catch (caught) {
      setError({ field: null, message: messageOf(caught, t('errors.network')) });
    } finally {
      setBusy(false);
    }
  };
  const toggle = async (task: CaseTask, done: boolean) => {
    setError(null);
    try {
      await updateTask(caseId, task.id, { done });
      setStatus(() => t(done ? 'cases.tasks.doneStatus' : 'cases.tasks.reopenedStatus', { title: task.title }));
      onChanged();
    } catch (caught) {
      setError({ field: null, message: messageOf(caught, t('errors.network')) });
    }
  };

  return (
    <section className="case-tasks" aria-labelledby="case-tasks-title">
      <h2 id="case-tasks-title" className="case-side__title">
        {t('cases.tasks.title')}
      </h2>
      {tasks.length === 0 ? (
        <p>{t('cases.tasks.empty')}</p>
      ) : (
        <ul className="plain-list case-tasks__list">
          {tasks.map((task) => {
            const overdue = !task.doneAt && task.dueAt !== null && new Date(task.dueAt).getTime() < now;
            return (
              <li key={task.id} className="checkbox">
                <input
                  id={`task-${task.id}`}
                  type="checkbox"
                  checked={task.doneAt !== null}
                  onChange={(event) => void toggle(task, event.target.checked)}
                  aria-describedby={task.dueAt ? `task-${task.id}-due` : undefined}
                />
                <label htmlFor={`task-${task.id}`} className={task.doneAt ? 'case-tasks__done' : undefined}>
                  {task.title}
                </label>
                {task.dueAt ? (
                  <p className="hint" id={`task-${task.id}-due`}>
                    {overdue ? <strong className="tag tag--overdue">{t('cases.tasks.overdue')}</strong> : null}{' '}
                    {t('cases.tasks.due', { time: formatDateTime(task.dueAt, locale) })}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      <form onSubmit={onSubmit} noValidate className="case-tasks__form">
        <h3 className="case-actions__label">{t('cases.tasks.add')}</h3>
        {error && error.field === null ? (
          <p className="error-message" role="alert">
            <span className="visually-hidden">{t('errors.prefix')}</span>
            {error.message}
          </p>
        ) : null}
        <div className={error?.field === 'title' ? 'form-group form-group--error' : 'form-group'}>
          <label className="label" htmlFor="task-title">
            {t('cases.tasks.taskTitle')}
          </label>
          {error?.field === 'title' ? (
            <p className="error-message" id="task-title-error" role="alert">
              <span className="visually-hidden">{t('errors.prefix')}</span>
              {error.message}
            </p>
          ) : null}
          <input
            id="task-title"
            className={error?.field === 'title' ? 'input input--error' : 'input'}
            maxLength={500}
            value={title}
            aria-describedby={error?.field === 'title' ? 'task-title-error' : undefined}
            aria-invalid={error?.field === 'title' ? true : undefined}
            onChange={(event) => setTitle(event.target.value)}
          />
        </div>
        <div className={error?.field === 'due' ? 'form-group form-group--error' : 'form-group'}>
          <label className="label" htmlFor="task-due">
            {t('cases.tasks.dueLabel')}
          </label>
          <p className="hint" id="task-due-hint">
            {t('cases.tasks.dueHint')}
          </p>
          {error?.field === 'due' ? (
            <p className="error-message" id="task-due-error" role="alert">
              <span className="visually-hidden">{t('errors.prefix')}</span>
              {error.message}
            </p>
          ) : null}
          <input
            id="task-due"
            type="datetime-local"
            className="input input--date"
            value={due}
            aria-describedby={error?.field === 'due' ? 'task-due-hint task-due-error' : 'task-due-hint'}
            onChange={(event) => setDue(event.target.value)}
          />
        </div>
        <button type="submit" className="button button--secondary" aria-disabled={busy}>
          {t('cases.tasks.submit')}
        </button>
        <p role="status" className="hint">
          {status}
        </p>
      </form>
    </section>
  );
}
