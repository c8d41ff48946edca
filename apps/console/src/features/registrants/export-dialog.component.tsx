import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/i18n.ts';
import { ApiError } from '../../lib/api.client.ts';
import { formatNumber } from '../../lib/format.ts';
import { ErrorSummary } from '../auth/error-summary.component.tsx';
import { Field } from '../forms/field.component.tsx';
import { downloadExport, type RegistrantFilters } from './registrants.api.ts';

const MIN = 10;
const MAX = 500;

/**
 * "Export CSV": personal data leaves the system, so the officer says why (kept in the audit log with the row
 * count) and confirms. A native modal <dialog> keeps focus inside and closes with Escape.
 */
export function ExportDialog({ filters, count }: { filters: RegistrantFilters; count: number | null }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  const open = () => {
    setError(null);
    setDone(false);
    dialog.current?.showModal();
  };
  const close = () => dialog.current?.close();
  const fail = (message: string) => {
    setError(message);
    setVersion((v) => v + 1);
  };
  const onSubmit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const text = reason.trim();
    if (text.length < MIN || text.length > MAX) return fail(t('registrants.export.reasonLength'));
    setBusy(true);
    try {
      await downloadExport(filters, text);
      setDone(true);
      setReason('');
      setError(null);
      close();
    } catch (caught) {
      fail(caught instanceof ApiError ? (caught.problem?.title ?? t('errors.network')) : t('errors.network'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <div className="registrants-export">
        <button type="button" className="button button--secondary" onClick={open}>
          {t('registrants.export.open')}
        </button>
        {done ? (
          <p className="hint" role="status">
            {t('registrants.export.done')}
          </p>
        ) : null}
      </div>
      <dialog ref={dialog} className="registrants-dialog" aria-labelledby="export-title">
        <form onSubmit={onSubmit} noValidate>
          <h2 id="export-title">{t('registrants.export.title')}</h2>
          {error ? <ErrorSummary errors={[{ fieldId: 'export-reason', message: error }]} version={version} /> : null}
          <p>{t('registrants.export.intro')}</p>
          <Field
            id="export-reason"
            label={t('registrants.export.reason')}
            hint={t('registrants.export.reasonHint')}
            error={error ?? undefined}
            base="textarea"
          >
            {(props) => (
              <textarea
                {...props}
                rows={3}
                maxLength={MAX}
                value={reason}
                onChange={(event) => setReason(event.target.value)}
              />
            )}
          </Field>
          <div className="button-group">
            <button type="submit" className="button" aria-disabled={busy}>
              {count === null
                ? t('registrants.export.confirm')
                : t('registrants.export.confirmCount', { count, formatted: formatNumber(count, currentLocale()) })}
            </button>
            <button type="button" className="link-button" onClick={close}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
