import './certificates.css';
import { renderHcertQrDataUrl } from '@homeward/hcert';
import type { HealthCertificate } from '@homeward/shared';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { LoadFailed, SavedAge } from '../offline/offline.component.tsx';
import { buildCertificatePdf } from './certificates.pdf.ts';
import {
  forgetWallet,
  keepsWalletOnDevice,
  loadWallet,
  setKeepWalletOnDevice,
  type WalletState,
} from './certificates.wallet.ts';
import { CertificateFacts } from './verdict.component.tsx';

/** The payload the certificate signs, rebuilt from what the server sends, for the facts list. */
function payloadOf(certificate: HealthCertificate) {
  const { holder } = certificate;
  return {
    nam: {
      fn: holder.familyName,
      gn: holder.givenName ?? '',
      fnt: holder.familyNameStd,
      gnt: holder.givenNameStd ?? '',
    },
    dob: holder.birthDate,
    [certificate.type]: [certificate.entry],
  };
}

function useQrDataUrl(text: string): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void renderHcertQrDataUrl(text).then((rendered) => {
      if (live) setUrl(rendered);
    });
    return () => {
      live = false;
    };
  }, [text]);
  return url;
}

type PdfState = { status: 'idle' } | { status: 'busy' } | { status: 'ready'; file: string } | { status: 'failed' };

/** Makes the certificate's A4 PDF on the device (offline too) and hands it to the browser as a download. */
function PdfButton({ certificate }: { certificate: HealthCertificate }) {
  const { t } = useTranslation();
  const [state, setState] = useState<PdfState>({ status: 'idle' });
  const download = async () => {
    if (state.status === 'busy') return;
    setState({ status: 'busy' });
    try {
      const bytes = await buildCertificatePdf(certificate, {
        title: t('certificates.wallet.pdf.title'),
        type: t(`certificates.types.${certificate.type}`),
        name: t('certificates.facts.name'),
        nameLatin: t('certificates.facts.nameLatin'),
        birthDate: t('certificates.facts.birthDate'),
        uci: t('certificates.facts.uci'),
        issued: t('certificates.wallet.pdf.issued'),
        expires: t('certificates.facts.expires'),
        note: t('certificates.wallet.pdf.note'),
      });
      const file = `health-certificate-${certificate.type}-${certificate.id}.pdf`;
      const url = URL.createObjectURL(new Blob([bytes.slice().buffer], { type: 'application/pdf' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = file;
      document.body.append(link);
      link.click();
      link.remove();
      // The download has started from the link; the object URL is no longer needed after this turn.
      setTimeout(() => URL.revokeObjectURL(url), 0);
      setState({ status: 'ready', file });
    } catch {
      setState({ status: 'failed' });
    }
  };
  return (
    <>
      <button
        type="button"
        className="button button--secondary"
        aria-busy={state.status === 'busy'}
        onClick={() => void download()}
      >
        {t('certificates.wallet.downloadPdf')}
      </button>
      <p className="hint hc-pdf-status" role="status">
        {state.status === 'busy' ? t('certificates.wallet.pdfPreparing') : null}
        {state.status === 'ready' ? t('certificates.wallet.pdfReady', { file: state.file }) : null}
        {state.status === 'failed' ? t('certificates.wallet.pdfFailed') : null}
      </p>
    </>
  );
}

/** The QR code, a PNG of it to keep or send, a PDF made on the device, and printing the certificate on paper. */
function QrCode({ certificate, label }: { certificate: HealthCertificate; label: string }) {
  const { t } = useTranslation();
  const url = useQrDataUrl(certificate.hc1);
  if (!url) return null;
  return (
    <>
      <img className="hc-qr" src={url} alt={label} width={360} height={360} />
      <p className="hint">{t('certificates.wallet.brightness')}</p>
      <div className="button-row hc-no-print">
        <a
          className="button button--secondary"
          href={url}
          download={`health-certificate-${certificate.type}-${certificate.id}.png`}
        >
          {t('certificates.wallet.downloadPng')}
        </a>
        <PdfButton certificate={certificate} />
        <button
          type="button"
          className="button button--secondary"
          onClick={(event) => {
            // Prints only this certificate: the page around it and the other certificates are hidden meanwhile.
            const card = event.currentTarget.closest('.hc-card');
            card?.setAttribute('data-printing', '');
            document.body.dataset.printCertificate = certificate.id;
            const done = () => {
              card?.removeAttribute('data-printing');
              delete document.body.dataset.printCertificate;
            };
            window.addEventListener('afterprint', done, { once: true });
            window.print();
          }}
        >
          {t('certificates.wallet.print')}
        </button>
      </div>
    </>
  );
}

function CertificateCard({ certificate }: { certificate: HealthCertificate }) {
  const { t } = useTranslation();
  const headingId = `certificate-${certificate.id}`;
  const name = [certificate.holder.familyName, certificate.holder.givenName].filter(Boolean).join(' ');
  return (
    <section className="panel hc-card" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {t(`certificates.types.${certificate.type}`)} · {name}
      </h2>
      <p>
        <span className={`tag hc-status hc-status--${certificate.status}`}>
          {t(`certificates.wallet.status.${certificate.status}`)}
        </span>
      </p>
      {certificate.status === 'revoked' ? (
        <p className="notice">{t('certificates.wallet.revokedNotice')}</p>
      ) : (
        <QrCode certificate={certificate} label={t('certificates.wallet.qrLabel', { name })} />
      )}
      <CertificateFacts payload={payloadOf(certificate)} expiresAt={certificate.expiresAt} />
    </section>
  );
}

/** The citizen's health certificates, each with a large QR code; kept on the phone so they show offline. */
export function WalletPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('certificates.wallet.title'));
  const [state, setState] = useState<WalletState>({ status: 'loading' });
  const [keep, setKeep] = useState(keepsWalletOnDevice);
  const load = useCallback(async () => {
    setState({ status: 'loading' });
    setState(await loadWallet());
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const certificates = state.status === 'loading' ? null : state.certificates;
  return (
    <>
      <h1>{t('certificates.wallet.title')}</h1>
      <p className="lead">{t('certificates.wallet.lead')}</p>
      {state.status === 'loading' ? (
        <p role="status" className="hint">
          {t('common.loading')}
        </p>
      ) : null}
      {state.status === 'signed-out' ? (
        <p className="notice">
          {t('certificates.wallet.signedOut')}{' '}
          <Link to="/sign-in?next=%2Fwallet">{t('certificates.wallet.signIn')}</Link>
        </p>
      ) : null}
      {state.status === 'offline' ? (
        <>
          {state.savedAt !== null ? <SavedAge savedAt={state.savedAt} /> : null}
          {state.certificates === null ? <LoadFailed onRetry={() => void load()} /> : null}
        </>
      ) : null}
      {certificates && certificates.length === 0 ? <p>{t('certificates.wallet.empty')}</p> : null}
      {certificates?.map((certificate) => (
        <CertificateCard key={certificate.id} certificate={certificate} />
      ))}
      {state.status !== 'loading' ? (
        <section aria-labelledby="wallet-device-heading">
          <h2 id="wallet-device-heading">{t('certificates.wallet.deviceHeading')}</h2>
          <div className="hc-checkbox">
            <input
              id="wallet-keep"
              type="checkbox"
              aria-describedby="wallet-keep-hint"
              checked={keep}
              onChange={(event) => {
                const next = event.target.checked;
                setKeepWalletOnDevice(next);
                setKeep(next);
                if (next) void load();
              }}
            />
            <label htmlFor="wallet-keep">{t('certificates.wallet.keep')}</label>
          </div>
          <p className="hint" id="wallet-keep-hint">
            {t('certificates.wallet.keepHint')}
          </p>
          {!keep ? null : (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                forgetWallet();
                setKeepWalletOnDevice(false);
                setKeep(false);
              }}
            >
              {t('certificates.wallet.forget')}
            </button>
          )}
        </section>
      ) : null}
    </>
  );
}
