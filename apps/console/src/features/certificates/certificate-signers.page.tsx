import './certificates.css';
import i18next from 'i18next';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { LoadError } from '../../lib/load-error.component.tsx';
import { useApi } from '../../lib/use-api.hook.ts';
import { ErrorSummary } from '../auth/error-summary.component.tsx';
import { Confirm } from '../forms/confirm.component.tsx';
import { Field } from '../forms/field.component.tsx';
import { errorsFromFailure, useFormErrors } from '../forms/form-errors.ts';
import { type CertificateSigner, rotateSigner, SIGNERS_PATH } from './certificates.api.ts';

/** A validity bound as a calendar day (UTC, as the certificate states it): "2028年11月27日" / "27 November 2028". */
function formatDay(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(iso),
  );
}

function RotateForm({ onRotated }: { onRotated: (kid: string) => void }) {
  const { t } = useTranslation();
  const form = useFormErrors();
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim().length < 3) {
      form.show([{ fieldId: 'rotate-reason', message: () => i18next.t('certificates.signers.reasonMissing') }]);
      return;
    }
    form.clear();
    setConfirming(true);
  };
  const confirm = async () => {
    if (busy) return;
    setBusy(true);
    try {
      const rotated = await rotateSigner(reason.trim());
      setReason('');
      setConfirming(false);
      onRotated(rotated.kid);
    } catch (error) {
      setConfirming(false);
      form.show(errorsFromFailure(error, { '/reason': 'rotate-reason' }, 'rotate-reason', t('errors.network')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="rotate-heading">
      <h2 id="rotate-heading">{t('certificates.signers.rotateHeading')}</h2>
      <p>{t('certificates.signers.rotateIntro')}</p>
      <ErrorSummary errors={form.errors} version={form.version} />
      <form noValidate onSubmit={onSubmit}>
        <Field
          id="rotate-reason"
          label={t('certificates.signers.reason')}
          hint={t('certificates.signers.reasonHint')}
          error={form.errorFor('rotate-reason')}
          base="textarea"
        >
          {(props) => (
            <textarea {...props} rows={3} value={reason} onChange={(event) => setReason(event.target.value)} />
          )}
        </Field>
        {confirming ? (
          <Confirm
            question={t('certificates.signers.question')}
            confirmLabel={t('certificates.signers.confirm')}
            onConfirm={() => void confirm()}
            onCancel={() => setConfirming(false)}
            busy={busy}
          />
        ) : (
          <button type="submit" className="button button--warning">
            {t('certificates.signers.submit')}
          </button>
        )}
      </form>
    </section>
  );
}

/** Headquarters' view of the signing keys: the CSCA, the document signer in use, the replaced ones; rotation. */
export function CertificateSignersPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  useDocumentTitle(t('certificates.signers.title'));
  const signers = useApi<CertificateSigner[]>(SIGNERS_PATH);
  const [rotatedKid, setRotatedKid] = useState<string | null>(null);

  const onRotated = (kid: string) => {
    setRotatedKid(kid);
    signers.retry();
  };

  return (
    <>
      <p>
        <Link to="/certificates" className="back-link">
          {t('certificates.back')}
        </Link>
      </p>
      <h1>{t('certificates.signers.title')}</h1>
      <p>{t('certificates.signers.intro')}</p>
      <div aria-live="polite">
        {rotatedKid ? (
          <p className="notice" role="status">
            {t('certificates.signers.done', { kid: rotatedKid })}
          </p>
        ) : null}
      </div>
      <LoadError state={signers} />
      {signers.status === 'loading' && !signers.data ? <p role="status">{t('certificates.signers.loading')}</p> : null}
      {signers.data ? (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1).
        <section className="table-wrap" aria-label={t('certificates.signers.caption')} tabIndex={0}>
          <table className="table">
            <caption className="visually-hidden">{t('certificates.signers.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('certificates.signers.columns.kind')}</th>
                <th scope="col">{t('certificates.signers.columns.kid')}</th>
                <th scope="col">{t('certificates.signers.columns.subject')}</th>
                <th scope="col">{t('certificates.signers.columns.validity')}</th>
                <th scope="col">{t('certificates.signers.columns.state')}</th>
                <th scope="col">{t('certificates.signers.columns.signed')}</th>
              </tr>
            </thead>
            <tbody>
              {signers.data.map((signer) => (
                <tr key={signer.id}>
                  <td>{t(`certificates.signers.kinds.${signer.kind}`)}</td>
                  <td>
                    <span className="code">{signer.kid}</span>
                  </td>
                  <td>{signer.subject}</td>
                  <td className="nowrap">
                    {formatDay(signer.notBefore, locale)} – {formatDay(signer.notAfter, locale)}
                  </td>
                  <td className="nowrap">
                    {signer.inUse
                      ? t('certificates.signers.inUse')
                      : signer.retiredAt
                        ? t('certificates.signers.retired', { at: formatDateTime(signer.retiredAt, locale) })
                        : t('certificates.signers.notInUse')}
                  </td>
                  <td>{signer.kind === 'dsc' ? formatNumber(signer.certificatesSigned, locale) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      <RotateForm onRotated={onRotated} />
    </>
  );
}
