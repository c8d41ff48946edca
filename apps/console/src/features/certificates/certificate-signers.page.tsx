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
import { type CertificateSigner, rotateCountrySigner, rotateSigner, SIGNERS_PATH } from './certificates.api.ts';

/** A validity bound as a calendar day (UTC, as the certificate states it): "2028年11月27日" / "27 November 2028". */
function formatDay(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(iso),
  );
}

/** What each rotation form replaces: its strings (under certificates.signers), its field id and its request. */
const ROTATIONS = {
  dsc: {
    keys: 'certificates.signers',
    fieldId: 'rotate-reason',
    rotate: async (reason: string) => (await rotateSigner(reason)).kid,
  },
  csca: {
    keys: 'certificates.signers.rotateCsca',
    fieldId: 'rotate-csca-reason',
    rotate: async (reason: string) => (await rotateCountrySigner(reason)).csca.kid,
  },
} as const;

/** What was replaced last: the strings of its form and the new key's kid, rendered in the current language. */
interface Rotated {
  keys: (typeof ROTATIONS)[keyof typeof ROTATIONS]['keys'];
  kid: string;
}

function RotateForm({ kind, onRotated }: { kind: 'dsc' | 'csca'; onRotated: (rotated: Rotated) => void }) {
  const { t } = useTranslation();
  const form = useFormErrors();
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const { keys, fieldId, rotate } = ROTATIONS[kind];

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim().length < 3) {
      form.show([{ fieldId, message: () => i18next.t(`${keys}.reasonMissing`) }]);
      return;
    }
    form.clear();
    setConfirming(true);
  };
  const confirm = async () => {
    if (busy) return;
    setBusy(true);
    try {
      const kid = await rotate(reason.trim());
      setReason('');
      setConfirming(false);
      onRotated({ keys, kid });
    } catch (error) {
      setConfirming(false);
      form.show(errorsFromFailure(error, { '/reason': fieldId }, fieldId, t('errors.network')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby={`${fieldId}-heading`}>
      <h2 id={`${fieldId}-heading`}>{t(`${keys}.rotateHeading`)}</h2>
      <p>{t(`${keys}.rotateIntro`)}</p>
      <ErrorSummary errors={form.errors} version={form.version} />
      <form noValidate onSubmit={onSubmit}>
        <Field
          id={fieldId}
          label={t('certificates.signers.reason')}
          hint={t('certificates.signers.reasonHint')}
          error={form.errorFor(fieldId)}
          base="textarea"
        >
          {(props) => (
            <textarea {...props} rows={3} value={reason} onChange={(event) => setReason(event.target.value)} />
          )}
        </Field>
        {confirming ? (
          <Confirm
            question={t(`${keys}.question`)}
            confirmLabel={t(`${keys}.confirm`)}
            onConfirm={() => void confirm()}
            onCancel={() => setConfirming(false)}
            busy={busy}
          />
        ) : (
          <button type="submit" className="button button--warning">
            {t(`${keys}.submit`)}
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
  const [rotated, setRotated] = useState<Rotated | null>(null);

  const onRotated = (done: Rotated) => {
    setRotated(done);
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
        {rotated ? (
          <p className="notice" role="status">
            {t(`${rotated.keys}.done`, { kid: rotated.kid })}
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
      <RotateForm kind="dsc" onRotated={onRotated} />
      <RotateForm kind="csca" onRotated={onRotated} />
    </>
  );
}
