import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { FieldSet } from '../forms/field.component.tsx';
import { ErrorSummary } from './error-summary.component.tsx';
import { useFocusHeading } from './focus-heading.hook.ts';

/**
 * Recovery codes, shown once: copy, print or download them, and say they are saved before going on, because
 * nobody can show them again.
 */
export function RecoveryCodes({
  codes,
  onContinue,
  headingLevel = 1,
}: {
  codes: string[];
  onContinue: () => void;
  headingLevel?: 1 | 2;
}) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState(false);
  const [copied, setCopied] = useState(false);
  const [missing, setMissing] = useState(false);
  const error = missing ? t('recoveryCodes.confirmMissing') : null;
  const [version, setVersion] = useState(0);
  const [download, setDownload] = useState<string | null>(null);
  const heading = useFocusHeading();
  const text = `${codes.join('\n')}\n`;
  // The page title belongs to the page when the codes are a section of it.
  useDocumentTitle(headingLevel === 1 ? t('recoveryCodes.title') : t('security.title'), error !== null);

  useEffect(() => {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    setDownload(url);
    return () => URL.revokeObjectURL(url);
  }, [text]);

  const onCopy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      // Clipboard refused (permissions, insecure context): the codes are selectable on screen.
      setCopied(false);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!saved) {
      setMissing(true);
      setVersion((n) => n + 1);
      return;
    }
    onContinue();
  };

  const Heading = headingLevel === 1 ? 'h1' : 'h2';
  return (
    <div className="narrow recovery-codes">
      <ErrorSummary errors={error ? [{ fieldId: 'codes-saved', message: error }] : []} version={version} />
      <Heading ref={heading} tabIndex={-1}>
        {t('recoveryCodes.title')}
      </Heading>
      <p>{t('recoveryCodes.intro')}</p>
      <div className="warning">
        <p>
          <strong>{t('recoveryCodes.once')}</strong>
        </p>
      </div>
      <ol className="codes" aria-label={t('recoveryCodes.listLabel')}>
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <div className="button-group no-print">
        <button type="button" className="button button--secondary" onClick={onCopy}>
          {t('recoveryCodes.copy')}
        </button>
        <button type="button" className="button button--secondary" onClick={() => window.print()}>
          {t('recoveryCodes.print')}
        </button>
        {download ? (
          <a className="button button--secondary" href={download} download="homeward-recovery-codes.txt">
            {t('recoveryCodes.download')}
          </a>
        ) : null}
      </div>
      <p className="muted no-print" role="status">
        {copied ? t('recoveryCodes.copied') : ''}
      </p>
      <form noValidate onSubmit={onSubmit} className="no-print">
        <FieldSet id="codes-saved-group" legend={t('recoveryCodes.confirmLegend')} error={error ?? undefined}>
          <div className="checkbox">
            <input
              id="codes-saved"
              type="checkbox"
              checked={saved}
              onChange={(event) => setSaved(event.target.checked)}
            />
            <label htmlFor="codes-saved">{t('recoveryCodes.confirm')}</label>
          </div>
        </FieldSet>
        <button type="submit" className="button">
          {t('recoveryCodes.continue')}
        </button>
      </form>
    </div>
  );
}
