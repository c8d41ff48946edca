import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { canOpen } from '../../app/access.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { ApiError, postJson } from '../../lib/api.client.ts';
import { useSessionUser } from '../auth/session.context.tsx';
import { Confirm } from '../forms/confirm.component.tsx';
import { type DoseRecord, doseCertificatePath, formatDay, type Registration } from './campaigns.api.ts';

/**
 * A registration's recorded doses. A health issuer can turn a dose into a signed vaccination certificate (asked
 * first: a signed certificate can only be revoked, not taken back); an issued one links to its certificate page.
 */
export function DoseList({
  registration,
  canIssue,
  certifiable,
  onIssued,
}: {
  registration: Registration;
  canIssue: boolean;
  certifiable: boolean;
  onIssued: () => void;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const user = useSessionUser();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string; certificateId?: string } | null>(null);

  async function issue(dose: DoseRecord) {
    if (busy) return;
    setBusy(true);
    try {
      const certificate = await postJson<{ id: string }>(doseCertificatePath(dose.id));
      setMessage({ ok: true, text: t('campaigns.certificate.issued'), certificateId: certificate.id });
      onIssued();
    } catch (error) {
      setMessage({
        ok: false,
        text: error instanceof ApiError ? (error.problem?.title ?? t('errors.network')) : t('errors.network'),
      });
    } finally {
      setBusy(false);
      setConfirming(null);
    }
  }

  if (registration.doses.length === 0 && !message) return <>—</>;
  const seesCertificates = canOpen(user.role, 'certificates');
  return (
    <>
      <ul className="plain-list camp-doses">
        {registration.doses.map((d) => (
          <li key={d.id}>
            <span>
              {t('campaigns.desk.doseSummary', { n: d.doseNumber, product: d.product, lot: d.lotNumber })} ·{' '}
              {formatDay(d.administeredOn, locale)}
            </span>
            {d.certificateId ? (
              seesCertificates ? (
                <Link to={`/certificates/${encodeURIComponent(d.certificateId)}`}>
                  {t('campaigns.certificate.open', { n: d.doseNumber })}
                </Link>
              ) : (
                <span className="tag tag--active">{t('campaigns.certificate.has')}</span>
              )
            ) : canIssue && certifiable ? (
              confirming === d.id ? (
                <Confirm
                  question={t('campaigns.certificate.confirm', {
                    name: registration.personName,
                    n: d.doseNumber,
                    product: d.product,
                  })}
                  confirmLabel={t('campaigns.certificate.confirmButton')}
                  onConfirm={() => issue(d)}
                  onCancel={() => setConfirming(null)}
                  busy={busy}
                />
              ) : (
                <button
                  type="button"
                  className="button button--secondary button--small"
                  onClick={() => {
                    setMessage(null);
                    setConfirming(d.id);
                  }}
                >
                  {t('campaigns.certificate.issue')}
                  <span className="visually-hidden">
                    {` ${t('campaigns.certificate.issueContext', { n: d.doseNumber, name: registration.personName })}`}
                  </span>
                </button>
              )
            ) : canIssue ? (
              <span className="muted">{t('campaigns.certificate.notCertifiable')}</span>
            ) : null}
          </li>
        ))}
      </ul>
      <div aria-live="polite">
        {message ? (
          <p className={message.ok ? 'notice camp-notice--success' : 'notice'}>
            {message.text}{' '}
            {message.certificateId ? (
              <Link to={`/certificates/${encodeURIComponent(message.certificateId)}`}>
                {t('campaigns.certificate.view')}
              </Link>
            ) : null}
          </p>
        ) : null}
      </div>
    </>
  );
}
