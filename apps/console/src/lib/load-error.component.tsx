import { useTranslation } from 'react-i18next';
import type { ApiState } from './use-api.hook.ts';

/** The one way a page says a load failed: the server's words (or "network"), and a way to try again. */
export function LoadError<T>({ state }: { state: ApiState<T> & { retry: () => void } }) {
  const { t } = useTranslation();
  if (state.status !== 'error') return null;
  return (
    <div className="notice" role="alert">
      <p>{state.error.problem?.title ?? t('errors.network')}</p>
      <button type="button" className="button button--secondary" onClick={state.retry}>
        {t('errors.retry')}
      </button>
    </div>
  );
}
