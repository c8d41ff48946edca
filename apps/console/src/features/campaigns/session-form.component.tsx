import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/i18n.ts';
import { postJson } from '../../lib/api.client.ts';
import { formatNumber } from '../../lib/format.ts';
import { ErrorSummary } from '../auth/error-summary.component.tsx';
import { Field } from '../forms/field.component.tsx';
import { errorsFromFailure, type FormError, useFormErrors } from '../forms/form-errors.ts';
import {
  isCalendarDate,
  minutesOf,
  type Session,
  type SessionBody,
  type Site,
  sessionCapacity,
  sessionsPath,
  todayIn,
} from './campaigns.api.ts';

const whole = (text: string, min: number, max: number) =>
  /^\d+$/.test(text.trim()) && Number(text) >= min && Number(text) <= max;

/**
 * A block of slots at a site on one local day: from, until, minutes per slot and people per slot. The form says
 * how many people that makes before it is saved, so a typo in the capacity shows.
 */
export function SessionForm({
  campaignId,
  site,
  onSaved,
  onCancel,
}: {
  campaignId: string;
  site: Site;
  onSaved: (session: Session) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const prefix = `session-${site.id}`;
  const [draft, setDraft] = useState({
    date: todayIn(site.timeZone),
    startTime: '09:00',
    endTime: '12:00',
    slotMinutes: '15',
    capacityPerSlot: '4',
  });
  const [busy, setBusy] = useState(false);
  const form = useFormErrors();
  const id = (field: string) => `${prefix}-${field}`;
  const set = (change: Partial<typeof draft>) => setDraft((d) => ({ ...d, ...change }));

  function check(): FormError[] {
    const errors: FormError[] = [];
    if (!isCalendarDate(draft.date)) errors.push({ fieldId: id('date'), message: () => t('campaigns.errors.date') });
    else if (draft.date < todayIn(site.timeZone))
      errors.push({ fieldId: id('date'), message: () => t('campaigns.errors.datePast') });
    const start = minutesOf(draft.startTime);
    const end = draft.endTime.trim() === '24:00' ? 1440 : minutesOf(draft.endTime);
    if (start === null) errors.push({ fieldId: id('start'), message: () => t('campaigns.errors.time') });
    if (end === null) errors.push({ fieldId: id('end'), message: () => t('campaigns.errors.time') });
    else if (start !== null && end <= start)
      errors.push({ fieldId: id('end'), message: () => t('campaigns.errors.endAfter') });
    if (!whole(draft.slotMinutes, 5, 240))
      errors.push({ fieldId: id('slot'), message: () => t('campaigns.errors.slotMinutes') });
    if (!whole(draft.capacityPerSlot, 1, 200))
      errors.push({ fieldId: id('capacity'), message: () => t('campaigns.errors.capacity') });
    return errors;
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const errors = check();
    form.show(errors);
    if (errors.length > 0) return;
    const body: SessionBody = {
      date: draft.date,
      startTime: draft.startTime.trim().padStart(5, '0'),
      endTime: draft.endTime.trim().padStart(5, '0'),
      slotMinutes: Number(draft.slotMinutes),
      capacityPerSlot: Number(draft.capacityPerSlot),
    };
    setBusy(true);
    try {
      onSaved(await postJson<Session>(sessionsPath(campaignId, site.id), body));
    } catch (error) {
      const ids = {
        '/body/date': id('date'),
        '/body/startTime': id('start'),
        '/body/endTime': id('end'),
        '/body/slotMinutes': id('slot'),
        '/body/capacityPerSlot': id('capacity'),
      };
      form.show(errorsFromFailure(error, ids, id('date'), t('errors.network')));
    } finally {
      setBusy(false);
    }
  }

  const capacity = sessionCapacity({
    startTime: draft.startTime,
    endTime: draft.endTime,
    slotMinutes: Number(draft.slotMinutes) || 0,
    capacityPerSlot: Number(draft.capacityPerSlot) || 0,
  });
  const input = (field: string, key: keyof typeof draft, label: string, hint?: string, short = true) => (
    <Field id={id(field)} label={label} hint={hint} error={form.errorFor(id(field))}>
      {(props) => (
        <input
          {...props}
          className={short ? `${props.className} camp-input--short` : props.className}
          type={key === 'date' ? 'date' : 'text'}
          inputMode={key === 'slotMinutes' || key === 'capacityPerSlot' ? 'numeric' : undefined}
          value={draft[key]}
          onChange={(e) => set({ [key]: e.target.value })}
        />
      )}
    </Field>
  );
  const heading = t('campaigns.sessions.addTitle', { site: site.name[locale] });
  return (
    <form onSubmit={save} noValidate className="camp-subform" aria-label={heading}>
      <h4>{heading}</h4>
      <ErrorSummary errors={form.errors} version={form.version} />
      <p className="hint">{t('campaigns.sessions.localTime', { zone: site.timeZone })}</p>
      <div className="camp-form__row">
        {input('date', 'date', t('campaigns.sessions.date'), undefined, false)}
        {input('start', 'startTime', t('campaigns.sessions.start'), t('campaigns.sessions.timeHint'))}
        {input('end', 'endTime', t('campaigns.sessions.end'), t('campaigns.sessions.timeHint'))}
        {input('slot', 'slotMinutes', t('campaigns.sessions.slotMinutes'))}
        {input('capacity', 'capacityPerSlot', t('campaigns.sessions.capacityPerSlot'))}
      </div>
      <p aria-live="polite">
        {t('campaigns.sessions.makes', { count: capacity, formatted: formatNumber(capacity, locale) })}
      </p>
      <div className="button-group">
        <button type="submit" className="button" aria-disabled={busy}>
          {t('campaigns.sessions.add')}
        </button>
        <button type="button" className="link-button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
