import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { postJson } from '../../lib/api.client.ts';
import { ErrorSummary } from '../auth/error-summary.component.tsx';
import { Field } from '../forms/field.component.tsx';
import { errorsFromFailure, type FormError, useFormErrors } from '../forms/form-errors.ts';
import {
  type DoseBody,
  type DoseRecord,
  dosesPath,
  isCalendarDate,
  type Registration,
  todayIn,
  type Vaccine,
} from './campaigns.api.ts';

/**
 * What was given to one person: product and dose number come from the campaign, the date is today at the site;
 * the vaccinator types the lot number (focused first) and changes the rest only when it differs.
 */
export function DoseForm({
  registration,
  vaccine,
  timeZone,
  onSaved,
  onCancel,
}: {
  registration: Registration;
  vaccine: Vaccine | null;
  timeZone: string;
  onSaved: (dose: DoseRecord) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const prefix = `dose-${registration.id}`;
  const id = (field: string) => `${prefix}-${field}`;
  const [draft, setDraft] = useState({
    product: vaccine?.productName ?? '',
    lotNumber: '',
    doseNumber: String(Math.min(registration.doses.length + 1, vaccine?.dosesRequired ?? 9)),
    administeredOn: todayIn(timeZone),
  });
  const [busy, setBusy] = useState(false);
  const form = useFormErrors();
  const lotRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    lotRef.current?.focus();
  }, []);
  const set = (change: Partial<typeof draft>) => setDraft((d) => ({ ...d, ...change }));

  function check(): FormError[] {
    const errors: FormError[] = [];
    if (!draft.product.trim() || draft.product.trim().length > 120)
      errors.push({ fieldId: id('product'), message: () => t('campaigns.errors.doseProduct') });
    if (!draft.lotNumber.trim() || draft.lotNumber.trim().length > 60)
      errors.push({ fieldId: id('lot'), message: () => t('campaigns.errors.lot') });
    if (!/^\d+$/.test(draft.doseNumber.trim()) || Number(draft.doseNumber) < 1 || Number(draft.doseNumber) > 9)
      errors.push({ fieldId: id('number'), message: () => t('campaigns.errors.doseNumber') });
    if (!isCalendarDate(draft.administeredOn))
      errors.push({ fieldId: id('date'), message: () => t('campaigns.errors.date') });
    else if (draft.administeredOn > todayIn(timeZone))
      errors.push({ fieldId: id('date'), message: () => t('campaigns.errors.doseFuture') });
    return errors;
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const errors = check();
    form.show(errors);
    if (errors.length > 0) return;
    const body: DoseBody = {
      product: draft.product.trim(),
      lotNumber: draft.lotNumber.trim(),
      doseNumber: Number(draft.doseNumber),
      administeredOn: draft.administeredOn,
    };
    setBusy(true);
    try {
      onSaved(await postJson<DoseRecord>(dosesPath(registration.id), body));
    } catch (error) {
      const ids = {
        '/body/product': id('product'),
        '/body/lotNumber': id('lot'),
        '/body/doseNumber': id('number'),
        '/body/administeredOn': id('date'),
      };
      form.show(errorsFromFailure(error, ids, id('lot'), t('errors.network')));
    } finally {
      setBusy(false);
    }
  }

  const heading = t('campaigns.dose.title', { name: registration.personName });
  return (
    <form onSubmit={save} noValidate className="camp-subform camp-dose" aria-label={heading}>
      <h3>{heading}</h3>
      <ErrorSummary errors={form.errors} version={form.version} />
      <div className="camp-form__row">
        <Field id={id('lot')} label={t('campaigns.dose.lot')} error={form.errorFor(id('lot'))}>
          {(props) => (
            <input
              {...props}
              ref={lotRef}
              className={`${props.className} input--code`}
              autoComplete="off"
              spellCheck={false}
              value={draft.lotNumber}
              onChange={(e) => set({ lotNumber: e.target.value })}
            />
          )}
        </Field>
        <Field id={id('product')} label={t('campaigns.dose.product')} error={form.errorFor(id('product'))}>
          {(props) => <input {...props} value={draft.product} onChange={(e) => set({ product: e.target.value })} />}
        </Field>
        <Field
          id={id('number')}
          label={t('campaigns.dose.number')}
          hint={vaccine ? t('campaigns.dose.numberHint', { count: vaccine.dosesRequired }) : undefined}
          error={form.errorFor(id('number'))}
        >
          {(props) => (
            <input
              {...props}
              className={`${props.className} camp-input--short`}
              inputMode="numeric"
              value={draft.doseNumber}
              onChange={(e) => set({ doseNumber: e.target.value })}
            />
          )}
        </Field>
        <Field id={id('date')} label={t('campaigns.dose.date')} error={form.errorFor(id('date'))}>
          {(props) => (
            <input
              {...props}
              type="date"
              value={draft.administeredOn}
              onChange={(e) => set({ administeredOn: e.target.value })}
            />
          )}
        </Field>
      </div>
      <div className="button-group">
        <button type="submit" className="button" aria-disabled={busy}>
          {t('campaigns.dose.save')}
        </button>
        <button type="button" className="link-button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
