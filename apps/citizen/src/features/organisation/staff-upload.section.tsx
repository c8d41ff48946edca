import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/i18n.ts';
import { ApiError } from '../../lib/api.client.ts';
import { dateTime } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.hook.ts';
import { ErrorLine, ErrorSummary, errorsFromApi, SuccessNotice, useFormErrors } from '../accounts/form.components.tsx';
import {
  importsPath,
  MAX_UPLOAD_BYTES,
  type RejectedImport,
  type StaffImport,
  TEMPLATE_PATH,
  uploadStaffList,
} from './organisation.api.ts';

const ORDER = ['staffFile'] as const;
const COLUMNS = [
  'site',
  'family_name',
  'given_name',
  'native_name',
  'passport_number',
  'birth_date',
  'phone',
  'email',
  'role',
  'locale',
] as const;
/** Row errors shown on the page; the downloadable report has them all. */
const SHOWN_ERRORS = 20;

/**
 * Upload the staff list as a CSV file: how the file must look (columns, template), the upload, and what came
 * of it. A file with any bad row imports nothing: the rows at fault are listed and the full report offered.
 */
export function StaffUploadSection({
  organisationId,
  hasSites,
  onImported,
}: {
  organisationId: string;
  hasSites: boolean;
  onImported: () => void;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const fileInput = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [imported, setImported] = useState<StaffImport | null>(null);
  const [rejected, setRejected] = useState<RejectedImport | null>(null);
  const errors = useFormErrors(ORDER);
  const history = useApi<{ items: StaffImport[] }>(importsPath(organisationId), { keepOnDevice: false });

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const file = fileInput.current?.files?.[0];
    setImported(null);
    setRejected(null);
    if (!file) return errors.show({ fields: { staffFile: t('organisation.staff.fileMissing') }, form: null });
    if (file.size > MAX_UPLOAD_BYTES)
      return errors.show({ fields: { staffFile: t('organisation.staff.fileTooLarge') }, form: null });
    errors.clear();
    setBusy(true);
    try {
      const result = await uploadStaffList(organisationId, file);
      if (result.status === 'imported') {
        setImported(result.staffImport);
        onImported();
      } else setRejected(result.problem);
      history.retry();
    } catch (error) {
      // A whole-file fault (columns, encoding, size): the server's words say what to change.
      const problem = error instanceof ApiError ? error.problem : null;
      const message = problem ? [problem.title, problem.detail].filter(Boolean).join('. ') : null;
      errors.show(
        message ? { fields: { staffFile: message }, form: null } : errorsFromApi(error, {}, t('errors.network')),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="org-staff-upload" className="section-gap">
      <h2 id="org-staff-upload">{t('organisation.staff.uploadHeading')}</h2>
      <p>{t('organisation.staff.uploadIntro')}</p>
      <details>
        <summary>{t('organisation.staff.columnsSummary')}</summary>
        <ul>
          {COLUMNS.map((c) => (
            <li key={c}>
              <code>{c}</code>: {t(`organisation.staff.columns.${c}`)}
            </li>
          ))}
        </ul>
        <p>{t('organisation.staff.limits')}</p>
      </details>
      <p>
        <a href={TEMPLATE_PATH} download="staff-list-template.csv">
          {t('organisation.staff.template')}
        </a>
      </p>
      {hasSites ? (
        <>
          <ErrorSummary id="upload-errors" errors={errors.summary} version={errors.version} />
          <form noValidate onSubmit={onSubmit}>
            <div className={errors.fields.staffFile ? 'form-group form-group--error' : 'form-group'}>
              <label className="label" htmlFor="staffFile">
                {t('organisation.staff.file')}
              </label>
              <div className="hint field-hint" id="staffFile-hint">
                {t('organisation.staff.fileHint')}
              </div>
              <ErrorLine id="staffFile" error={errors.fields.staffFile} />
              <input
                ref={fileInput}
                id="staffFile"
                name="staffFile"
                type="file"
                accept=".csv,text/csv"
                className="org-file"
                aria-describedby={errors.fields.staffFile ? 'staffFile-hint staffFile-error' : 'staffFile-hint'}
                aria-invalid={errors.fields.staffFile ? true : undefined}
              />
            </div>
            <button type="submit" className="button" aria-disabled={busy}>
              {t('organisation.staff.upload')}
            </button>
          </form>
        </>
      ) : (
        <p className="hint">{t('organisation.staff.sitesFirst')}</p>
      )}
      {busy ? (
        <p role="status" className="hint">
          {t('organisation.staff.uploading')}
        </p>
      ) : null}
      {imported ? (
        <SuccessNotice>{t('organisation.staff.imported', { count: imported.importedCount })}</SuccessNotice>
      ) : null}
      {rejected ? <RejectedPanel rejected={rejected} /> : null}
      {history.data && history.data.items.length > 0 ? (
        <>
          <h3>{t('organisation.staff.historyHeading')}</h3>
          <ul className="item-list">
            {history.data.items.slice(0, 5).map((item) => (
              <li key={item.id} className="item">
                <p className="item__title">
                  {item.fileName ?? t('organisation.staff.noFileName')} ·{' '}
                  <span className="tag">{t(`organisation.staff.status.${item.status}`)}</span>
                </p>
                <p className="item__meta">
                  {dateTime(item.createdAt, locale)} ·{' '}
                  {item.status === 'imported'
                    ? t('organisation.staff.importedCount', { count: item.importedCount })
                    : t('organisation.staff.errorCount', { count: item.errorCount })}
                  {item.errorReportUrl ? (
                    <>
                      {' · '}
                      <a href={item.errorReportUrl} download>
                        {t('organisation.staff.errorReport')}
                      </a>
                    </>
                  ) : null}
                </p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function RejectedPanel({ rejected }: { rejected: RejectedImport }) {
  const { t } = useTranslation();
  return (
    <div className="error-summary" role="alert" aria-labelledby="rejected-title" tabIndex={-1}>
      <h3 className="error-summary__title" id="rejected-title">
        {t('organisation.staff.rejectedTitle')}
      </h3>
      <p>
        {t('organisation.staff.rejectedIntro', {
          count: rejected.staffImport.errorCount,
          rows: rejected.staffImport.rowCount,
        })}
      </p>
      <ul className="error-summary__list">
        {rejected.rowErrors.slice(0, SHOWN_ERRORS).map((e) => (
          <li key={`${e.line}:${e.column}:${e.message}`}>
            {t('organisation.staff.rowError', { line: e.line, column: e.column ?? '—' })} {e.message}
          </li>
        ))}
      </ul>
      {rejected.rowErrors.length > SHOWN_ERRORS ? (
        <p>{t('organisation.staff.moreErrors', { count: rejected.rowErrors.length - SHOWN_ERRORS })}</p>
      ) : null}
      <p>
        <a href={rejected.errorReportUrl} download>
          {t('organisation.staff.errorReport')}
        </a>
      </p>
    </div>
  );
}
