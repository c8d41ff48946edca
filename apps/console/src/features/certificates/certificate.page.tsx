import './certificates.css';
import { VALUE_SETS, type ValueSetName } from '@homeward/hcert';
import i18next from 'i18next';
import QRCode from 'qrcode';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { formatDateTime } from '../../lib/format.ts';
import { LoadError } from '../../lib/load-error.component.tsx';
import { useApi } from '../../lib/use-api.hook.ts';
import { ErrorSummary } from '../auth/error-summary.component.tsx';
import { useSessionUser } from '../auth/session.context.tsx';
import { Confirm } from '../forms/confirm.component.tsx';
import { Field } from '../forms/field.component.tsx';
import { errorsFromFailure, useFormErrors } from '../forms/form-errors.ts';
import { CertificateStatusTag, holderName } from './certificate-status.component.tsx';
import { certificatePath, type HealthCertificate, revokeCertificate } from './certificates.api.ts';

/** Which value set names the code in each entry field. */
const CODED: Record<string, ValueSetName> = {
  tg: 'disease',
  vp: 'vaccineProphylaxis',
  mp: 'vaccineProduct',
  tt: 'testType',
  tr: 'testResult',
};

function displayOf(type: HealthCertificate['type'], key: string, value: string | number): string {
  const text = String(value);
  if (key === 'co') {
    return new Intl.DisplayNames([currentLocale()], { type: 'region' }).of(text) ?? text;
  }
  const set = key === 'ma' ? (type === 't' ? 'testManufacturer' : 'vaccineManufacturer') : CODED[key];
  const known = set ? VALUE_SETS[set][text] : undefined;
  return known ? `${known.display} (${text})` : text;
}

function QrImage({ text, label }: { text: string; label: string }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void QRCode.toDataURL(text, { errorCorrectionLevel: 'Q', margin: 2 }).then((rendered) => {
      if (live) setUrl(rendered);
    });
    return () => {
      live = false;
    };
  }, [text]);
  return url ? <img className="hc-qr" src={url} alt={label} width={256} height={256} /> : null;
}

function RevokeForm({
  certificate,
  onRevoked,
}: {
  certificate: HealthCertificate;
  onRevoked: (c: HealthCertificate) => void;
}) {
  const { t } = useTranslation();
  const form = useFormErrors();
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim().length < 3) {
      form.show([{ fieldId: 'revoke-reason', message: () => i18next.t('certificates.revoke.reasonMissing') }]);
      return;
    }
    form.clear();
    setConfirming(true);
  };
  const confirm = async () => {
    if (busy) return;
    setBusy(true);
    try {
      onRevoked(await revokeCertificate(certificate.id, reason.trim()));
    } catch (error) {
      setConfirming(false);
      form.show(errorsFromFailure(error, { '/reason': 'revoke-reason' }, 'revoke-reason', t('errors.network')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="revoke-heading">
      <h2 id="revoke-heading">{t('certificates.revoke.heading')}</h2>
      <p>{t('certificates.revoke.intro')}</p>
      <ErrorSummary errors={form.errors} version={form.version} />
      <form noValidate onSubmit={onSubmit}>
        <Field
          id="revoke-reason"
          label={t('certificates.revoke.reason')}
          hint={t('certificates.revoke.reasonHint')}
          error={form.errorFor('revoke-reason')}
          base="textarea"
        >
          {(props) => (
            <textarea {...props} rows={3} value={reason} onChange={(event) => setReason(event.target.value)} />
          )}
        </Field>
        {confirming ? (
          <Confirm
            question={t('certificates.revoke.question', { name: holderName(certificate) })}
            confirmLabel={t('certificates.revoke.confirm')}
            onConfirm={() => void confirm()}
            onCancel={() => setConfirming(false)}
            busy={busy}
          />
        ) : (
          <button type="submit" className="button button--warning">
            {t('certificates.revoke.submit')}
          </button>
        )}
      </form>
    </section>
  );
}

/** One certificate: who, what it states, its QR code to print, and revocation with a reason. */
export function CertificatePage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const user = useSessionUser();
  const { id = '' } = useParams();
  const loaded = useApi<HealthCertificate>(certificatePath(id));
  const [revoked, setRevoked] = useState<HealthCertificate | null>(null);
  const certificate = revoked ?? loaded.data;
  useDocumentTitle(certificate ? holderName(certificate) : t('certificates.title'));

  return (
    <>
      <p>
        <Link to="/certificates" className="back-link">
          {t('certificates.back')}
        </Link>
      </p>
      <LoadError state={loaded} />
      {certificate ? (
        <>
          <h1>
            {t(`certificates.types.${certificate.type}`)}: {holderName(certificate)}
          </h1>
          <p>
            <CertificateStatusTag status={certificate.status} />
          </p>
          {revoked ? (
            <p className="notice" role="status">
              {t('certificates.revoke.done')}
            </p>
          ) : null}
          <dl className="summary-list">
            <dt>{t('certificates.columns.birthDate')}</dt>
            <dd>{certificate.holder.birthDate}</dd>
            <dt>{t('certificates.columns.uci')}</dt>
            <dd className="code">{certificate.uci}</dd>
            <dt>{t('certificates.columns.issued')}</dt>
            <dd>{formatDateTime(certificate.issuedAt, locale)}</dd>
            <dt>{t('certificates.expires')}</dt>
            <dd>{formatDateTime(certificate.expiresAt, locale)}</dd>
            {certificate.revokedAt ? (
              <>
                <dt>{t('certificates.revokedAt')}</dt>
                <dd>
                  {formatDateTime(certificate.revokedAt, locale)} — {certificate.revocationReason}
                </dd>
              </>
            ) : null}
          </dl>
          <h2>{t('certificates.entryHeading')}</h2>
          <dl className="summary-list">
            {Object.entries(certificate.entry)
              .filter(([key]) => key !== 'ci')
              .map(([key, value]) => (
                <div key={key} style={{ display: 'contents' }}>
                  <dt>{t(`certificates.fields.${key}`, { defaultValue: key })}</dt>
                  <dd>{displayOf(certificate.type, key, value)}</dd>
                </div>
              ))}
          </dl>
          {certificate.status === 'valid' ? (
            <>
              <h2>{t('certificates.qrHeading')}</h2>
              <QrImage text={certificate.hc1} label={t('certificates.qrLabel', { name: holderName(certificate) })} />
            </>
          ) : null}
          {certificate.status === 'valid' && (user.role === 'health_issuer' || user.role === 'hq_admin') ? (
            <RevokeForm certificate={certificate} onRevoked={setRevoked} />
          ) : null}
        </>
      ) : null}
    </>
  );
}
