import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../lib/api.client.ts';
import { LoadError } from '../../lib/load-error.component.tsx';
import { useApi } from '../../lib/use-api.hook.ts';
import { ErrorSummary } from '../auth/error-summary.component.tsx';
import { Confirm } from '../forms/confirm.component.tsx';
import { Field } from '../forms/field.component.tsx';
import { errorsFromFailure, useFormErrors } from '../forms/form-errors.ts';
import {
  deleteView,
  filtersOfParams,
  paramsOfFilters,
  SAVED_VIEWS_PATH,
  type SavedView,
  type SavedViewList,
  sameFilters,
  saveView,
} from './saved-views.api.ts';
import './saved-views.css';

const NAME_ID = 'saved-view-name';

/**
 * The person's saved views of the case list: each opens the list with its filters; the filters on screen can be
 * saved under a name; a view is deleted after a confirmation. Views are private to whoever saved them.
 */
export function SavedViews({ params }: { params: URLSearchParams }) {
  const { t } = useTranslation();
  const views = useApi<SavedViewList>(SAVED_VIEWS_PATH);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState<SavedView | null>(null);
  const [status, setStatus] = useState('');
  const errors = useFormErrors();

  async function onSave(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const trimmed = name.trim();
    if (!trimmed) {
      errors.show([{ fieldId: NAME_ID, message: () => t('savedViews.nameMissing') }]);
      return;
    }
    setBusy(true);
    try {
      await saveView(trimmed, filtersOfParams(params));
      errors.clear();
      setName('');
      setStatus(t('savedViews.saved', { name: trimmed }));
      views.retry();
    } catch (error) {
      setStatus('');
      errors.show(errorsFromFailure(error, { '/name': NAME_ID }, NAME_ID, t('errors.network')));
    } finally {
      setBusy(false);
    }
  }

  async function onDelete(view: SavedView) {
    if (busy) return;
    setBusy(true);
    try {
      await deleteView(view.id);
      setStatus(t('savedViews.deleted', { name: view.name }));
      setConfirming(null);
      views.retry();
    } catch (error) {
      // Already gone (deleted in another tab): the list simply catches up.
      if (error instanceof ApiError && error.status === 404) {
        setConfirming(null);
        views.retry();
      } else {
        setStatus(error instanceof ApiError && error.problem ? error.problem.title : t('errors.network'));
      }
    } finally {
      setBusy(false);
    }
  }

  const items = views.data?.items ?? [];
  return (
    <section className="saved-views" aria-labelledby="saved-views-title">
      <h2 id="saved-views-title" className="saved-views__title">
        {t('savedViews.title')}
      </h2>
      <LoadError state={views} />
      {views.status === 'loading' && views.data === null ? <p>{t('app.loading')}</p> : null}
      {views.data && items.length === 0 ? <p className="hint">{t('savedViews.empty')}</p> : null}
      {items.length > 0 ? (
        <ul className="saved-views__list">
          {items.map((view) => {
            const viewParams = paramsOfFilters(view.filters);
            const current = sameFilters(viewParams, params);
            return (
              <li key={view.id} className="saved-views__item">
                {confirming?.id === view.id ? (
                  <Confirm
                    question={t('savedViews.confirmDelete', { name: view.name })}
                    confirmLabel={t('savedViews.delete')}
                    busy={busy}
                    onConfirm={() => void onDelete(view)}
                    onCancel={() => setConfirming(null)}
                  />
                ) : (
                  <>
                    <Link
                      to={`/cases?${viewParams}`}
                      className="saved-views__link"
                      aria-current={current ? 'page' : undefined}
                    >
                      {view.name}
                    </Link>
                    <button
                      type="button"
                      className="link-button saved-views__delete"
                      onClick={() => setConfirming(view)}
                    >
                      {t('savedViews.delete')}
                      <span className="visually-hidden"> {view.name}</span>
                    </button>
                  </>
                )}
              </li>
            );
          })}
        </ul>
      ) : null}
      <form className="saved-views__form" onSubmit={onSave} noValidate>
        <ErrorSummary errors={errors.errors} version={errors.version} />
        <Field
          id={NAME_ID}
          label={t('savedViews.name')}
          hint={t('savedViews.nameHint')}
          error={errors.errorFor(NAME_ID)}
        >
          {(props) => (
            <input {...props} type="text" maxLength={80} value={name} onChange={(e) => setName(e.target.value)} />
          )}
        </Field>
        <button type="submit" className="button button--secondary" aria-disabled={busy}>
          {t('savedViews.save')}
        </button>
      </form>
      <p className="saved-views__status" role="status">
        {status}
      </p>
    </section>
  );
}
