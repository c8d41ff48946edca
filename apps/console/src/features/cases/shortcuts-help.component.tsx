import { useCallback, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { setShortcutsEnabled, useShortcutsEnabled, useSingleKeyShortcut } from '../settings/shortcuts.store.ts';

const KEYS = [
  ['j', 'cases.shortcuts.next'],
  ['k', 'cases.shortcuts.previous'],
  ['Enter', 'cases.shortcuts.open'],
  ['/', 'cases.shortcuts.search'],
  ['?', 'cases.shortcuts.help'],
  ['Ctrl + Enter', 'cases.shortcuts.send'],
] as const;

/**
 * "?" opens the list of keyboard shortcuts (and a button does, for those who have them off or do not know).
 * A native modal <dialog> keeps focus inside and closes with Escape.
 */
export function ShortcutsHelp() {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const enabled = useShortcutsEnabled();
  const open = useCallback(() => {
    if (!dialog.current?.open) dialog.current?.showModal();
  }, []);
  useSingleKeyShortcut('?', open);
  return (
    <>
      <button type="button" className="link-button" onClick={open}>
        {t('cases.shortcuts.show')}
      </button>
      <dialog ref={dialog} className="case-dialog" aria-labelledby="shortcuts-title">
        <h2 id="shortcuts-title">{t('cases.shortcuts.title')}</h2>
        <table className="table">
          <caption className="visually-hidden">{t('cases.shortcuts.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('cases.shortcuts.key')}</th>
              <th scope="col">{t('cases.shortcuts.action')}</th>
            </tr>
          </thead>
          <tbody>
            {KEYS.map(([key, label]) => (
              <tr key={key}>
                <td>
                  <kbd>{key}</kbd>
                </td>
                <td>{t(label)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="checkbox">
          <input
            id="shortcuts-dialog-toggle"
            type="checkbox"
            checked={enabled}
            onChange={(event) => setShortcutsEnabled(event.target.checked)}
          />
          <label htmlFor="shortcuts-dialog-toggle">{t('settings.shortcuts')}</label>
        </div>
        <p className="hint">{t('cases.shortcuts.singleKeyNote')}</p>
        <div className="button-group">
          <button type="button" className="button button--secondary" onClick={() => dialog.current?.close()}>
            {t('cases.shortcuts.close')}
          </button>
        </div>
      </dialog>
    </>
  );
}
