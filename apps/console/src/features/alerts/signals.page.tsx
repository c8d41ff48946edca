import './alerts.css';
import { type ChangeEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { formatDateTime } from '../../lib/format.ts';
import { LoadError } from '../../lib/load-error.component.tsx';
import { useApi } from '../../lib/use-api.hook.ts';
import { ErrorSummary } from '../auth/error-summary.component.tsx';
import { Field } from '../forms/field.component.tsx';
import { errorsFromFailure, useFormErrors } from '../forms/form-errors.ts';
import { Pagination } from '../missions/pagination.component.tsx';
import { type IncomingSignalPage, signalsPath, uploadCap } from './alerts.api.ts';
import { CapFeedsSection } from './cap-feeds.section.tsx';

/** 2 MiB, as the server accepts: a bigger file is refused here before it is read. */
const MAX_BYTES = 2 * 1024 * 1024;

/**
 * Incoming CAP signals: a partner's CAP file uploaded here becomes one signal per alert it holds; "Make an alert"
 * opens the composer prefilled with its texts, CAP fields and the same area.
 */
export function SignalsPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [params] = useSearchParams();
  const page = Number(params.get('page') ?? '1') || 1;
  const state = useApi<IncomingSignalPage>(signalsPath(page));
  const form = useFormErrors();
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useDocumentTitle(t('alerts.signals.title'));

  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file || busy) return;
    if (file.size > MAX_BYTES) {
      form.show([{ fieldId: 'cap-file', message: () => t('alerts.signals.tooLarge') }]);
      return;
    }
    setBusy(true);
    try {
      const { items } = await uploadCap(await file.text());
      form.clear();
      setNotice(t('alerts.signals.received', { count: items.length }));
      state.retry();
    } catch (error) {
      form.show(errorsFromFailure(error, { '/xml': 'cap-file' }, 'cap-file', t('errors.network')));
    } finally {
      setBusy(false);
    }
  };

  const data = state.data;
  return (
    <>
      <p>
        <Link to="/alerts">{t('alerts.back')}</Link>
      </p>
      <h1>{t('alerts.signals.title')}</h1>
      <p>{t('alerts.signals.intro')}</p>
      <ErrorSummary errors={form.errors} version={form.version} />
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      <Field
        id="cap-file"
        label={t('alerts.signals.upload')}
        hint={t('alerts.signals.uploadHint')}
        error={form.errorFor('cap-file')}
      >
        {(props) => (
          <input
            {...props}
            type="file"
            accept=".xml,.cap,application/xml,application/cap+xml,text/xml"
            onChange={upload}
          />
        )}
      </Field>
      <CapFeedsSection />
      <h2>{t('alerts.signals.listHeading')}</h2>
      <LoadError state={state} />
      {data ? (
        data.items.length === 0 ? (
          <p>{t('alerts.signals.empty')}</p>
        ) : (
          <>
            {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1). */}
            <section className="table-wrap" aria-label={t('alerts.signals.title')} tabIndex={0}>
              <table className="table">
                <caption className="visually-hidden">{t('alerts.signals.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('alerts.signals.columns.headline')}</th>
                    <th scope="col">{t('alerts.signals.columns.sender')}</th>
                    <th scope="col">{t('alerts.signals.columns.sent')}</th>
                    <th scope="col">{t('alerts.signals.columns.area')}</th>
                    <th scope="col">{t('alerts.signals.columns.action')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((s) => (
                    <tr key={s.id}>
                      <th scope="row">
                        {s.headline}
                        <br />
                        <span className="hint">
                          {s.msgType} · {s.severity}
                        </span>
                      </th>
                      <td className="break">{s.sender}</td>
                      <td className="nowrap">{formatDateTime(s.sent, locale)}</td>
                      <td>{s.area ? t('alerts.signals.hasArea') : t('alerts.signals.noArea')}</td>
                      <td>
                        {s.alertId ? (
                          <Link to={`/alerts/${s.alertId}`}>{t('alerts.signals.openAlert')}</Link>
                        ) : (
                          <Link to={`/alerts/new?signal=${s.id}`}>{t('alerts.signals.makeAlert')}</Link>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
            <Pagination page={data.page} total={data.total} pageSize={data.pageSize} />
          </>
        )
      ) : state.status === 'loading' ? (
        <p className="loading">{t('alerts.loading')}</p>
      ) : null}
    </>
  );
}
