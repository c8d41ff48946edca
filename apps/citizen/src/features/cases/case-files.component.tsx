import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/i18n.ts';
import { newKey, uploadAttachment } from '../../lib/offline-queue.ts';
import { FilesSection } from '../help/help-files.section.tsx';
import { fileProblem, MAX_FILES } from '../help/help-request.model.ts';

/**
 * "Send a photo or document" on a case: what the mission asks for (a police report, a passport page). Each file
 * is checked here and sent with its own Idempotency-Key, kept while the same file waits, so pressing Send again
 * after a lost answer does not attach it twice. A file the server refuses stays, with the reason.
 */
export function CaseFiles({ caseId, onSent }: { caseId: string; onSent: () => void }) {
  const { t } = useTranslation();
  const [files, setFiles] = useState<File[]>([]);
  const [error, setError] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const keys = useRef(new WeakMap<File, string>());

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setStatus('');
    if (files.length === 0) {
      setError(t('cases.files.missing'));
      return;
    }
    const bad = files.map(fileProblem).find((p) => p !== null);
    if (bad) {
      setError(t(`help.errors.${bad}`));
      return;
    }
    if (files.length > MAX_FILES) {
      setError(t('help.errors.filesTooMany'));
      return;
    }
    setError(undefined);
    setBusy(true);
    const left: File[] = [];
    const reasons: string[] = [];
    let sent = 0;
    for (const file of files) {
      let key = keys.current.get(file);
      if (!key) {
        key = newKey();
        keys.current.set(file, key);
      }
      const outcome = await uploadAttachment(
        caseId,
        { name: file.name, type: file.type, blob: file },
        key,
        currentLocale(),
      );
      if (outcome.kind === 'ok') sent += 1;
      else {
        left.push(file);
        if (outcome.kind === 'refused') reasons.push(`${file.name}: ${outcome.problem.title}`);
        else if (outcome.kind === 'sign_in') reasons.push(t('cases.files.signIn'));
        else reasons.push(t('cases.files.notSent', { name: file.name }));
      }
    }
    setFiles(left);
    setBusy(false);
    if (sent > 0) {
      setStatus(t('cases.files.sent', { count: sent }));
      onSent();
    }
    if (reasons.length > 0) setError(reasons.join(' '));
  };

  return (
    <section aria-labelledby="case-files-heading" className="section-gap">
      <h2 id="case-files-heading">{t('cases.files.heading')}</h2>
      <form noValidate onSubmit={onSubmit}>
        <FilesSection files={files} onChange={setFiles} error={error} label={t('cases.files.label')} />
        <button type="submit" className="button" aria-disabled={busy}>
          {t('cases.files.send')}
        </button>
        <p role="status" className="hint">
          {status}
        </p>
      </form>
    </section>
  );
}
