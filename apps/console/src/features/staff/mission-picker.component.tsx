import type { Mission } from '@homeward/shared';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/i18n.ts';
import { FieldSet } from '../forms/field.component.tsx';

/** Checkboxes rather than a multi-select box: visible choices, keyboard and screen-reader friendly. */
export function MissionPicker({
  missions,
  selected,
  onChange,
  error,
}: {
  missions: Mission[];
  selected: string[];
  onChange: (codes: string[]) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const toggle = (code: string, on: boolean) => onChange(on ? [...selected, code] : selected.filter((c) => c !== code));
  const chosen = missions.filter((m) => selected.includes(m.code)).map((m) => m.name[locale]);
  return (
    <FieldSet id="missions" legend={t('staffForm.missions')} hint={t('staffForm.missionsHint')} error={error}>
      {/* The list scrolls: what is already chosen stays in sight above it. */}
      <p className="chosen" aria-live="polite">
        {chosen.length > 0
          ? t('staffForm.selected', { list: chosen.join(locale === 'zh-CN' ? '、' : '; ') })
          : t('staffForm.noneSelected')}
      </p>
      <ul className="check-grid">
        {missions.map((m) => (
          <li key={m.code} className="checkbox checkbox--small">
            <input
              id={`mission-${m.code}`}
              type="checkbox"
              checked={selected.includes(m.code)}
              onChange={(event) => toggle(m.code, event.target.checked)}
            />
            <label htmlFor={`mission-${m.code}`}>{m.name[locale]}</label>
          </li>
        ))}
      </ul>
    </FieldSet>
  );
}
