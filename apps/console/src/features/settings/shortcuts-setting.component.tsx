import { useTranslation } from 'react-i18next';
import { setShortcutsEnabled, useShortcutsEnabled } from './shortcuts.store.ts';

export function ShortcutsSetting() {
  const { t } = useTranslation();
  const enabled = useShortcutsEnabled();
  return (
    <div className="checkbox">
      <input
        id="single-key-shortcuts"
        type="checkbox"
        checked={enabled}
        onChange={(event) => setShortcutsEnabled(event.target.checked)}
        aria-describedby="single-key-shortcuts-hint"
      />
      <label htmlFor="single-key-shortcuts">{t('settings.shortcuts')}</label>
      <p className="hint" id="single-key-shortcuts-hint">
        {t('settings.shortcutsHint')}
      </p>
    </div>
  );
}
