import { VALUE_SETS, type ValueSetName } from '@homeward/hcert';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/i18n.ts';
import { Field } from '../forms/field.component.tsx';

/**
 * One EU DCC value set as a select (the codes a vaccination certificate carries), optional: without the three
 * codes a campaign's doses are recorded all the same, only no certificate can be issued from them.
 */
export function DccCodeSelect({
  id,
  label,
  set,
  value,
  onChange,
  error,
}: {
  id: string;
  label: string;
  set: Extract<ValueSetName, 'vaccineProphylaxis' | 'vaccineProduct' | 'vaccineManufacturer'>;
  value: string;
  onChange: (code: string) => void;
  error: string | undefined;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const options = useMemo(
    () =>
      Object.entries(VALUE_SETS[set])
        .filter(([code, entry]) => entry.active || code === value)
        .map(([code, entry]) => ({ code, label: entry.display }))
        .sort((a, b) => a.label.localeCompare(b.label, locale)),
    [set, value, locale],
  );
  return (
    <Field id={id} label={label} base="select" error={error}>
      {(props) => (
        <select {...props} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t('campaigns.form.noCode')}</option>
          {options.map((o) => (
            <option key={o.code} value={o.code}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
