import i18next from 'i18next';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { useApi } from '../../lib/use-api.hook.ts';
import { ErrorSummary } from '../auth/error-summary.component.tsx';
import { useFocusHeading } from '../auth/focus-heading.hook.ts';
import { Field, FieldSet } from '../forms/field.component.tsx';
import { errorsFromFailure, type FormError, useFormErrors } from '../forms/form-errors.ts';
import { type Mission, type MissionBody, saveMission } from './missions.api.ts';

const KINDS = ['embassy', 'consulate_general'] as const;
const CODE_PATTERN = /^[A-Za-z]{2}-[A-Za-z]{3}$/;

/** The form's text boxes; jurisdiction lists are typed as comma-separated codes. */
interface Draft {
  code: string;
  kind: Mission['kind'];
  nameZh: string;
  nameEn: string;
  cityZh: string;
  cityEn: string;
  countryCode: string;
  timezone: string;
  phone: string;
  countries: string;
  regions: string;
}

const EMPTY: Draft = {
  code: '',
  kind: 'consulate_general',
  nameZh: '',
  nameEn: '',
  cityZh: '',
  cityEn: '',
  countryCode: '',
  timezone: '',
  phone: '',
  countries: '',
  regions: '',
};

function draftOf(mission: Mission): Draft {
  return {
    code: mission.code,
    kind: mission.kind,
    nameZh: mission.name['zh-CN'],
    nameEn: mission.name.en,
    cityZh: mission.city['zh-CN'],
    cityEn: mission.city.en,
    countryCode: mission.countryCode,
    timezone: mission.timezone,
    phone: mission.phoneDisplay ?? mission.phone ?? '',
    countries: mission.jurisdiction.countries.join(', '),
    regions: mission.jurisdiction.regions.join(', '),
  };
}

function codesOf(text: string): string[] {
  return text
    .split(/[,，、\s]+/)
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * HQ administrators add a mission (`/missions/new`) or change one (`/missions/:code/edit`): names in both
 * languages, time zone, duty phone and consular district. The server checks the codes and that no other mission
 * serves the same place, and records the reason in the audit log.
 */
export function MissionEditPage() {
  const { t } = useTranslation();
  const { code } = useParams();
  const found = useApi<Mission>(code ? `/api/v1/missions/${encodeURIComponent(code)}` : null);
  const [saved, setSaved] = useState<{ mission: Mission; created: boolean } | null>(null);

  if (code && found.status === 'loading' && !found.data) {
    return (
      <p className="loading" role="status">
        {t('app.loading')}
      </p>
    );
  }
  if (code && !found.data) return <NotFound />;
  const current = saved?.mission ?? found.data ?? null;
  return (
    <>
      <Link to="/home" className="back-link">
        {t('missionEdit.back')}
      </Link>
      {saved ? <Saved mission={saved.mission} created={saved.created} /> : null}
      <EditForm
        key={current ? JSON.stringify(current) : 'new'}
        mission={current}
        onSaved={(mission) => setSaved({ mission, created: current === null })}
      />
    </>
  );
}

function NotFound() {
  const { t } = useTranslation();
  useDocumentTitle(t('missionEdit.notFoundTitle'));
  return (
    <>
      <h1>{t('missionEdit.notFoundTitle')}</h1>
      <p>
        <Link to="/home">{t('missionEdit.back')}</Link>
      </p>
    </>
  );
}

function Saved({ mission, created }: { mission: Mission; created: boolean }) {
  const { t } = useTranslation();
  const heading = useFocusHeading<HTMLDivElement>();
  const name = mission.name[currentLocale()];
  return (
    <div className="panel panel--success" ref={heading} tabIndex={-1} role="status">
      <h2>{created ? t('missionEdit.createdTitle') : t('missionEdit.savedTitle')}</h2>
      <p>{t('missionEdit.savedText', { name, code: mission.code })}</p>
      <p>
        <Link to={`/home?q=${encodeURIComponent(mission.code)}`}>{t('missionEdit.toList')}</Link>
      </p>
    </div>
  );
}

/** Where each server error lands: JSON pointers of the body, list items on their list. */
function fieldIdsFor(body: MissionBody): Record<string, string> {
  const ids: Record<string, string> = {
    '/kind': 'kind',
    '/name/zh-CN': 'name-zh',
    '/name/en': 'name-en',
    '/city/zh-CN': 'city-zh',
    '/city/en': 'city-en',
    '/countryCode': 'country-code',
    '/timezone': 'timezone',
    '/phone': 'phone',
    '/jurisdiction/countries': 'countries',
    '/jurisdiction/regions': 'regions',
    '/reason': 'reason',
  };
  body.jurisdiction.countries.forEach((_, i) => {
    ids[`/jurisdiction/countries/${i}`] = 'countries';
  });
  body.jurisdiction.regions.forEach((_, i) => {
    ids[`/jurisdiction/regions/${i}`] = 'regions';
  });
  return ids;
}

function EditForm({ mission, onSaved }: { mission: Mission | null; onSaved: (mission: Mission) => void }) {
  const { t } = useTranslation();
  const form = useFormErrors();
  const [draft, setDraft] = useState<Draft>(mission ? draftOf(mission) : EMPTY);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const title = mission
    ? t('missionEdit.editTitle', { name: mission.name[currentLocale()] })
    : t('missionEdit.createTitle');
  useDocumentTitle(title, form.errors.length > 0);
  const set = (field: keyof Draft) => (event: { target: { value: string } }) =>
    setDraft({ ...draft, [field]: event.target.value });

  const check = (): FormError[] => {
    const errors: FormError[] = [];
    const need = (fieldId: string, value: string, message: () => string) => {
      if (!value.trim()) errors.push({ fieldId, message });
    };
    if (!mission) {
      need('code', draft.code, () => i18next.t('missionEdit.codeMissing'));
      if (draft.code.trim() && !CODE_PATTERN.test(draft.code.trim()))
        errors.push({ fieldId: 'code', message: () => i18next.t('missionEdit.codeFormat') });
    }
    need('name-zh', draft.nameZh, () => i18next.t('missionEdit.nameMissing'));
    need('name-en', draft.nameEn, () => i18next.t('missionEdit.nameMissing'));
    need('city-zh', draft.cityZh, () => i18next.t('missionEdit.cityMissing'));
    need('city-en', draft.cityEn, () => i18next.t('missionEdit.cityMissing'));
    need('country-code', draft.countryCode, () => i18next.t('missionEdit.countryCodeMissing'));
    if (draft.countryCode.trim() && !/^[A-Za-z]{2}$/.test(draft.countryCode.trim()))
      errors.push({ fieldId: 'country-code', message: () => i18next.t('missionEdit.countryCodeFormat') });
    need('timezone', draft.timezone, () => i18next.t('missionEdit.timezoneMissing'));
    if (draft.timezone.trim() && !isTimeZone(draft.timezone.trim()))
      errors.push({ fieldId: 'timezone', message: () => i18next.t('missionEdit.timezoneInvalid') });
    need('reason', reason, () => i18next.t('missionEdit.reasonMissing'));
    return errors;
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const errors = check();
    form.show(errors);
    if (errors.length > 0) return;
    const body: MissionBody = {
      kind: draft.kind,
      name: { 'zh-CN': draft.nameZh.trim(), en: draft.nameEn.trim() },
      city: { 'zh-CN': draft.cityZh.trim(), en: draft.cityEn.trim() },
      countryCode: draft.countryCode.trim().toUpperCase(),
      timezone: draft.timezone.trim(),
      phone: draft.phone.trim() || null,
      // The form does not move the map pin; a new mission has none until the reference data gives one.
      location: mission?.location ?? null,
      jurisdiction: { countries: codesOf(draft.countries), regions: codesOf(draft.regions) },
      reason: reason.trim(),
    };
    setBusy(true);
    try {
      onSaved(await saveMission(mission?.code ?? draft.code.trim().toUpperCase(), body));
    } catch (error) {
      form.show(errorsFromFailure(error, fieldIdsFor(body), mission ? 'name-zh' : 'code', t('errors.network')));
      setBusy(false);
    }
  };

  return (
    <div className="narrow">
      <ErrorSummary errors={form.errors} version={form.version} />
      <h1>{title}</h1>
      {mission ? <p className="muted code">{mission.code}</p> : null}
      <form noValidate onSubmit={onSubmit}>
        {mission ? null : (
          <Field id="code" label={t('missionEdit.code')} hint={t('missionEdit.codeHint')} error={form.errorFor('code')}>
            {(props) => (
              <input
                {...props}
                type="text"
                autoComplete="off"
                spellCheck={false}
                value={draft.code}
                onChange={set('code')}
              />
            )}
          </Field>
        )}
        <FieldSet id="kind" legend={t('missionEdit.kind')} error={form.errorFor('kind')}>
          <div className="radios">
            {KINDS.map((kind) => (
              <div key={kind} className="checkbox">
                <input
                  id={`kind-${kind}`}
                  type="radio"
                  name="kind"
                  value={kind}
                  checked={draft.kind === kind}
                  onChange={() => setDraft({ ...draft, kind })}
                />
                <label htmlFor={`kind-${kind}`}>{t(`missions.kind.${kind}`)}</label>
              </div>
            ))}
          </div>
        </FieldSet>
        <Field id="name-zh" label={t('missionEdit.nameZh')} error={form.errorFor('name-zh')}>
          {(props) => <input {...props} type="text" lang="zh-CN" value={draft.nameZh} onChange={set('nameZh')} />}
        </Field>
        <Field id="name-en" label={t('missionEdit.nameEn')} error={form.errorFor('name-en')}>
          {(props) => <input {...props} type="text" lang="en" value={draft.nameEn} onChange={set('nameEn')} />}
        </Field>
        <Field id="city-zh" label={t('missionEdit.cityZh')} error={form.errorFor('city-zh')}>
          {(props) => <input {...props} type="text" lang="zh-CN" value={draft.cityZh} onChange={set('cityZh')} />}
        </Field>
        <Field id="city-en" label={t('missionEdit.cityEn')} error={form.errorFor('city-en')}>
          {(props) => <input {...props} type="text" lang="en" value={draft.cityEn} onChange={set('cityEn')} />}
        </Field>
        <Field
          id="country-code"
          label={t('missionEdit.countryCode')}
          hint={t('missionEdit.countryCodeHint')}
          error={form.errorFor('country-code')}
        >
          {(props) => (
            <input
              {...props}
              type="text"
              autoComplete="off"
              spellCheck={false}
              value={draft.countryCode}
              onChange={set('countryCode')}
            />
          )}
        </Field>
        <Field
          id="timezone"
          label={t('missionEdit.timezone')}
          hint={t('missionEdit.timezoneHint')}
          error={form.errorFor('timezone')}
        >
          {(props) => (
            <input
              {...props}
              type="text"
              autoComplete="off"
              spellCheck={false}
              value={draft.timezone}
              onChange={set('timezone')}
            />
          )}
        </Field>
        <Field
          id="phone"
          label={t('missionEdit.phone')}
          hint={t('missionEdit.phoneHint')}
          error={form.errorFor('phone')}
        >
          {(props) => <input {...props} type="tel" autoComplete="off" value={draft.phone} onChange={set('phone')} />}
        </Field>
        <Field
          id="countries"
          label={t('missionEdit.countries')}
          hint={t('missionEdit.countriesHint')}
          error={form.errorFor('countries')}
          base="textarea"
        >
          {(props) => (
            <textarea {...props} rows={2} spellCheck={false} value={draft.countries} onChange={set('countries')} />
          )}
        </Field>
        <Field
          id="regions"
          label={t('missionEdit.regions')}
          hint={t('missionEdit.regionsHint')}
          error={form.errorFor('regions')}
          base="textarea"
        >
          {(props) => (
            <textarea {...props} rows={3} spellCheck={false} value={draft.regions} onChange={set('regions')} />
          )}
        </Field>
        <Field
          id="reason"
          label={t('missionEdit.reason')}
          hint={t('missionEdit.reasonHint')}
          error={form.errorFor('reason')}
          base="textarea"
        >
          {(props) => (
            <textarea {...props} rows={3} value={reason} onChange={(event) => setReason(event.target.value)} />
          )}
        </Field>
        <button type="submit" className="button" aria-disabled={busy}>
          {mission ? t('missionEdit.save') : t('missionEdit.create')}
        </button>
      </form>
    </div>
  );
}
