import { LOCALES, type Locale } from '@homeward/shared';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/i18n.ts';
import { postJson, putJson } from '../../lib/api.client.ts';
import { sortByName } from '../../lib/format.ts';
import { ErrorSummary } from '../auth/error-summary.component.tsx';
import { Field, FieldSet } from '../forms/field.component.tsx';
import { errorsFromFailure, type FormError, useFormErrors } from '../forms/form-errors.ts';
import {
  type Country,
  type MissionPage,
  SITE_KINDS,
  type Site,
  type SiteBody,
  type SiteKind,
  sitePath,
  sitesPath,
} from './campaigns.api.ts';

interface Draft {
  kind: SiteKind;
  missionCode: string;
  name: Record<Locale, string>;
  address: string;
  lat: string;
  lon: string;
  country: string;
  timeZone: string;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const coordinate = (text: string, limit: number) => {
  const value = Number(text.trim());
  return text.trim() !== '' && Number.isFinite(value) && Math.abs(value) <= limit;
};

/**
 * A vaccination site (a mission or a partner clinic): the mission whose officers run it, its name in both
 * languages, address, coordinates (for the citizen's map) and time zone. Choosing the mission fills the country,
 * the time zone and, for a mission site, the mission's own coordinates; each can be changed.
 */
export function SiteForm({
  campaignId,
  site,
  missions,
  countries,
  onSaved,
  onCancel,
}: {
  campaignId: string;
  site?: Site;
  missions: MissionPage['items'];
  countries: readonly Country[];
  onSaved: (site: Site) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const prefix = site ? `site-${site.id}` : 'site-new';
  const [draft, setDraft] = useState<Draft>(() => ({
    kind: site?.kind ?? 'mission',
    missionCode: site?.missionCode ?? '',
    name: { 'zh-CN': site?.name['zh-CN'] ?? '', en: site?.name.en ?? '' },
    address: site?.address ?? '',
    lat: site ? String(site.lat) : '',
    lon: site ? String(site.lon) : '',
    country: site?.country ?? '',
    timeZone: site?.timeZone ?? '',
  }));
  const [busy, setBusy] = useState(false);
  const form = useFormErrors();
  const id = (field: string) => `${prefix}-${field}`;
  const set = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));

  function chooseMission(code: string) {
    const mission = missions.find((m) => m.code === code);
    if (!mission) return set({ missionCode: code });
    set({
      missionCode: code,
      country: draft.country || mission.countryCode,
      timeZone: draft.timeZone || mission.timezone,
      ...(draft.kind === 'mission'
        ? {
            name: draft.name.en || draft.name['zh-CN'] ? draft.name : { ...mission.name },
            ...(mission.location && !draft.lat && !draft.lon
              ? { lat: String(mission.location.lat), lon: String(mission.location.lon) }
              : {}),
          }
        : {}),
    });
  }

  function check(): FormError[] {
    const errors: FormError[] = [];
    if (!draft.missionCode) errors.push({ fieldId: id('mission'), message: () => t('campaigns.errors.siteMission') });
    for (const l of LOCALES)
      if (!draft.name[l].trim())
        errors.push({
          fieldId: id(`name-${l}`),
          message: () => t('campaigns.errors.siteName', { language: t(`campaigns.language.${l}`) }),
        });
    if (!draft.address.trim()) errors.push({ fieldId: id('address'), message: () => t('campaigns.errors.address') });
    if (!coordinate(draft.lat, 90)) errors.push({ fieldId: id('lat'), message: () => t('campaigns.errors.lat') });
    if (!coordinate(draft.lon, 180)) errors.push({ fieldId: id('lon'), message: () => t('campaigns.errors.lon') });
    if (!draft.country) errors.push({ fieldId: id('country'), message: () => t('campaigns.errors.siteCountry') });
    if (!draft.timeZone.trim() || !isTimeZone(draft.timeZone.trim()))
      errors.push({ fieldId: id('zone'), message: () => t('campaigns.errors.timeZone') });
    return errors;
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const errors = check();
    form.show(errors);
    if (errors.length > 0) return;
    const body: SiteBody = {
      kind: draft.kind,
      missionCode: draft.missionCode,
      name: { 'zh-CN': draft.name['zh-CN'].trim(), en: draft.name.en.trim() },
      address: draft.address.trim(),
      lat: Number(draft.lat),
      lon: Number(draft.lon),
      country: draft.country,
      timeZone: draft.timeZone.trim(),
    };
    setBusy(true);
    try {
      const saved = site
        ? await putJson<Site>(sitePath(campaignId, site.id), body)
        : await postJson<Site>(sitesPath(campaignId), body);
      onSaved(saved);
    } catch (error) {
      const ids = {
        '/body/missionCode': id('mission'),
        '/body/name/zh-CN': id('name-zh-CN'),
        '/body/name/en': id('name-en'),
        '/body/address': id('address'),
        '/body/lat': id('lat'),
        '/body/lon': id('lon'),
        '/body/country': id('country'),
        '/body/timeZone': id('zone'),
      };
      form.show(errorsFromFailure(error, ids, id('mission'), t('errors.network')));
    } finally {
      setBusy(false);
    }
  }

  const heading = site ? t('campaigns.sites.editTitle') : t('campaigns.sites.addTitle');
  return (
    <form onSubmit={save} noValidate className="camp-subform" aria-label={heading}>
      <h3>{heading}</h3>
      <ErrorSummary errors={form.errors} version={form.version} />
      <FieldSet id={id('kind')} legend={t('campaigns.sites.kind')}>
        <div className="radios">
          {SITE_KINDS.map((k) => (
            <div key={k} className="checkbox">
              <input
                id={id(`kind-${k}`)}
                type="radio"
                name={id('kind')}
                checked={draft.kind === k}
                onChange={() => set({ kind: k })}
              />
              <label htmlFor={id(`kind-${k}`)}>{t(`campaigns.siteKind.${k}`)}</label>
            </div>
          ))}
        </div>
      </FieldSet>
      <Field
        id={id('mission')}
        label={t('campaigns.sites.mission')}
        hint={t('campaigns.sites.missionHint')}
        base="select"
        error={form.errorFor(id('mission'))}
      >
        {(props) => (
          <select {...props} value={draft.missionCode} onChange={(e) => chooseMission(e.target.value)}>
            <option value="">{t('campaigns.sites.chooseMission')}</option>
            {missions.map((m) => (
              <option key={m.code} value={m.code}>
                {m.name[locale]} ({m.code})
              </option>
            ))}
          </select>
        )}
      </Field>
      {LOCALES.map((l) => (
        <Field
          key={l}
          id={id(`name-${l}`)}
          label={t('campaigns.sites.name', { language: t(`campaigns.language.${l}`) })}
          error={form.errorFor(id(`name-${l}`))}
        >
          {(props) => (
            <input
              {...props}
              lang={l}
              value={draft.name[l]}
              onChange={(e) => set({ name: { ...draft.name, [l]: e.target.value } })}
            />
          )}
        </Field>
      ))}
      <Field
        id={id('address')}
        label={t('campaigns.sites.address')}
        base="textarea"
        error={form.errorFor(id('address'))}
      >
        {(props) => (
          <textarea {...props} rows={2} value={draft.address} onChange={(e) => set({ address: e.target.value })} />
        )}
      </Field>
      <div className="camp-form__pair">
        <Field
          id={id('lat')}
          label={t('campaigns.sites.lat')}
          hint={t('campaigns.sites.latHint')}
          error={form.errorFor(id('lat'))}
        >
          {(props) => (
            <input {...props} inputMode="decimal" value={draft.lat} onChange={(e) => set({ lat: e.target.value })} />
          )}
        </Field>
        <Field
          id={id('lon')}
          label={t('campaigns.sites.lon')}
          hint={t('campaigns.sites.lonHint')}
          error={form.errorFor(id('lon'))}
        >
          {(props) => (
            <input {...props} inputMode="decimal" value={draft.lon} onChange={(e) => set({ lon: e.target.value })} />
          )}
        </Field>
      </div>
      <div className="camp-form__pair">
        <Field
          id={id('country')}
          label={t('campaigns.sites.country')}
          base="select"
          error={form.errorFor(id('country'))}
        >
          {(props) => (
            <select {...props} value={draft.country} onChange={(e) => set({ country: e.target.value })}>
              <option value="">{t('campaigns.form.chooseCountry')}</option>
              {sortByName(countries, locale).map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name[locale]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id={id('zone')}
          label={t('campaigns.sites.timeZone')}
          hint={t('campaigns.sites.timeZoneHint')}
          error={form.errorFor(id('zone'))}
        >
          {(props) => (
            <input
              {...props}
              autoComplete="off"
              spellCheck={false}
              value={draft.timeZone}
              onChange={(e) => set({ timeZone: e.target.value })}
            />
          )}
        </Field>
      </div>
      <div className="button-group">
        <button type="submit" className="button" aria-disabled={busy}>
          {site ? t('campaigns.sites.save') : t('campaigns.sites.add')}
        </button>
        <button type="button" className="link-button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
