import { useEffect, useId, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/i18n.ts';
import { ErrorLine } from '../accounts/form.components.tsx';
import { FILE_TYPES, fileProblem, fileSize, MAX_FILES } from './help-request.model.ts';

/**
 * Photos and PDFs: picked from the phone or taken with the camera, each checked here (size, type) so a file the
 * server would refuse is never queued; a preview for pictures and a Remove button for each.
 */
export function FilesSection({
  files,
  onChange,
  error,
  label,
}: {
  files: readonly File[];
  onChange: (files: File[]) => void;
  error?: string | undefined;
  /** The group's label; the help request's "Photos or documents (optional)" by default. */
  label?: string;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const hintId = useId();
  const listRef = useRef<HTMLUListElement>(null);
  const previews = useMemo(
    () =>
      files.map((file) =>
        // No preview for a file that will not be sent, or one the browser cannot draw (HEIC).
        file.type.startsWith('image/') && file.type !== 'image/heic' && !fileProblem(file)
          ? URL.createObjectURL(file)
          : null,
      ),
    [files],
  );
  useEffect(
    () => () => {
      for (const url of previews) if (url) URL.revokeObjectURL(url);
    },
    [previews],
  );

  const add = (picked: FileList | null) => {
    if (!picked || picked.length === 0) return;
    onChange([...files, ...Array.from(picked)]);
  };

  const remove = (index: number) => {
    onChange(files.filter((_, i) => i !== index));
    // Focus stays in the list (the next Remove button) or goes back to the picker, never lost to the page top.
    requestAnimationFrame(() => {
      const buttons = listRef.current?.querySelectorAll<HTMLButtonElement>('button');
      const next = buttons?.[Math.min(index, (buttons?.length ?? 1) - 1)];
      (next ?? document.getElementById('files'))?.focus();
    });
  };

  return (
    <div className={error ? 'form-group form-group--error' : 'form-group'}>
      <span className="label" id="files-label">
        {label ?? t('help.form.filesLabel')}
      </span>
      <div className="hint field-hint" id={hintId}>
        {t('help.form.filesHint', { count: MAX_FILES })}
      </div>
      <ErrorLine id="files" error={error} />
      <div className="help-files__pickers">
        <input
          id="files"
          className="help-files__input"
          type="file"
          multiple
          accept={FILE_TYPES.join(',')}
          aria-describedby={[hintId, error ? 'files-error' : null].filter(Boolean).join(' ')}
          aria-invalid={error ? true : undefined}
          onChange={(event) => {
            add(event.target.files);
            event.target.value = '';
          }}
        />
        <label className="button button--secondary help-files__picker" htmlFor="files">
          {t('help.form.filesPick')}
        </label>
        <input
          id="camera"
          className="help-files__input"
          type="file"
          accept="image/*"
          capture="environment"
          aria-describedby={hintId}
          onChange={(event) => {
            add(event.target.files);
            event.target.value = '';
          }}
        />
        <label className="button button--secondary help-files__picker" htmlFor="camera">
          {t('help.form.filesCamera')}
        </label>
      </div>
      {files.length > 0 ? (
        <ul className="help-files" ref={listRef} aria-label={t('help.form.filesChosen')}>
          {files.map((file, index) => {
            const problem = fileProblem(file);
            const url = previews[index];
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: the same file may be picked twice; position is its identity.
              <li key={`${file.name}-${index}`} className={problem ? 'help-file help-file--bad' : 'help-file'}>
                {url ? (
                  <img className="help-file__preview" src={url} alt="" />
                ) : (
                  <span className="help-file__icon" aria-hidden="true">
                    PDF
                  </span>
                )}
                <span className="help-file__text">
                  <span className="help-file__name">{file.name}</span>
                  <span className="hint">{fileSize(file.size, locale)}</span>
                  {problem ? <span className="error-message">{t(`help.errors.${problem}`)}</span> : null}
                </span>
                <button
                  type="button"
                  className="button button--secondary help-file__remove"
                  onClick={() => remove(index)}
                >
                  {t('help.form.fileRemove')}
                  <span className="visually-hidden"> {file.name}</span>
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}
