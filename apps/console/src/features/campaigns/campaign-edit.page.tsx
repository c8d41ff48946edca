import './campaigns.css';
import { LOCALES, type Locale } from '@homeward/shared';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { postJson, putJson } from '../../lib/api.client.ts';
import { LoadError } from '../../lib/load-error.component.tsx';
import { useApi } from '../../lib/use-api.hook.ts';
import { ErrorSummary } from '../auth/error-summary.component.tsx';
import { Field, FieldSet } from '../forms/field.component.tsx';
import { errorsFromFailure, type FormError, useFormErrors } from '../forms/form-errors.ts';
import {
  ALLOCATION_MODES,
  type AllocationMode,
  CAMPAIGN_KINDS,
  type Campaign,
  type CampaignBody,
  type CampaignKind,
  COUNTRIES_PATH,
  type Country,
  campaignPath,
} from './campaigns.api.ts';
import { CountryPicker } from './country-picker.component.tsx';
import { DccCodeSelect } from './dcc-code-select.component.tsx';

interface GroupDraft {
  key: number;
  code: string;
  rank: string;
  label: Record<Locale, string>;
}

interface Draft {
  code: string;
  kind: CampaignKind;
  title: Record<Locale, string>;
  description: Record<Locale, string>;
  opens: string;
  closes: string;
  allocation: AllocationMode;
  countries: string[];
  minAge: string;
  maxAge: string;
  groups: GroupDraft[];
  productName: string;
  dosesRequired: string;
  prophylaxisCode: string;
  productCode: string;
  manufacturerCode: string;
}

const EMPTY: Draft = {
  code: '',
  kind: 'vaccination',
  title: { 'zh-CN': '', en: '' },
  description: { 'zh-CN': '', en: '' },
  opens: '',
  closes: '',
  allocation: 'priority',
  countries: [],
  minAge: '',
  maxAge: '',
  groups: [],
  productName: '',
  dosesRequired: '1',
  prophylaxisCode: '',
  productCode: '',
  manufacturerCode: '',
};

/** The server names fields by their place in the body (`/body/title/en`). */
const FIELD_IDS: Record<string, string> = {
  '/body/code': 'camp-code',
  '/body/kind': 'camp-kind',
  '/body/title/zh-CN': 'camp-title-zh-CN',
  '/body/title/en': 'camp-title-en',
  '/body/description/zh-CN': 'camp-description-zh-CN',
  '/body/description/en': 'camp-description-en',
  '/body/registrationOpensAt': 'camp-opens',
  '/body/registrationClosesAt': 'camp-closes',
  '/body/allocation': 'camp-allocation',
  '/body/eligibility/countries': 'camp-countries',
  '/body/eligibility/minAge': 'camp-min-age',
  '/body/eligibility/maxAge': 'camp-max-age',
  '/body/eligibility/priorityGroups': 'camp-groups',
  '/body/vaccine/productName': 'camp-product',
  '/body/vaccine/dosesRequired': 'camp-doses',
  '/body/vaccine/prophylaxisCode': 'camp-vp',
  '/body/vaccine/productCode': 'camp-mp',
  '/body/vaccine/manufacturerCode': 'camp-ma',
};

/** An ISO instant as the value of a datetime-local input, in the officer's own clock. */
function localInput(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  const shifted = new Date(at.getTime() - at.getTimezoneOffset() * 60_000);
  return shifted.toISOString().slice(0, 16);
}

function draftOf(c: Campaign): Draft {
  return {
    code: c.code,
    kind: c.kind,
    title: { ...c.title },
    description: { ...c.description },
    opens: localInput(c.registrationOpensAt),
    closes: localInput(c.registrationClosesAt),
    allocation: c.allocation,
    countries: [...c.eligibility.countries],
    minAge: c.eligibility.minAge == null ? '' : String(c.eligibility.minAge),
    maxAge: c.eligibility.maxAge == null ? '' : String(c.eligibility.maxAge),
    groups: c.eligibility.priorityGroups.map((g, i) => ({
      key: i,
      code: g.code,
      rank: String(g.rank),
      label: { ...g.label },
    })),
    productName: c.vaccine?.productName ?? '',
    dosesRequired: String(c.vaccine?.dosesRequired ?? 1),
    prophylaxisCode: c.vaccine?.prophylaxisCode ?? '',
    productCode: c.vaccine?.productCode ?? '',
    manufacturerCode: c.vaccine?.manufacturerCode ?? '',
  };
}

const wholeNumber = (text: string, min: number, max: number) =>
  /^\d+$/.test(text.trim()) && Number(text) >= min && Number(text) <= max;

/**
 * Create or change a campaign (hq_admin): titles and descriptions in both languages, kind, registration dates,
 * allocation, who is eligible (countries of registered presence, ages, priority groups with their rank) and, for a
 * vaccination, the product staff will record. Errors are checked here first and named in the summary; the server
 * checks again and its words land on the same fields.
 */
export function CampaignEditPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id } = useParams();
  const existing = useApi<Campaign>(id ? campaignPath(id) : null);
  const countries = useApi<Country[]>(COUNTRIES_PATH);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [nextKey, setNextKey] = useState(1000);
  const [busy, setBusy] = useState(false);
  const form = useFormErrors();
  const title = id ? t('campaigns.form.editTitle') : t('campaigns.form.createTitle');
  useDocumentTitle(title, form.errors.length > 0);

  useEffect(() => {
    if (existing.data) setDraft(draftOf(existing.data));
  }, [existing.data]);

  const set = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));
  const setGroup = (key: number, change: Partial<GroupDraft>) =>
    setDraft((d) => ({ ...d, groups: d.groups.map((g) => (g.key === key ? { ...g, ...change } : g)) }));

  function check(): FormError[] {
    const errors: FormError[] = [];
    if (!/^[A-Z0-9][A-Z0-9-]{1,31}$/.test(draft.code.trim().toUpperCase()))
      errors.push({ fieldId: 'camp-code', message: () => t('campaigns.errors.code') });
    for (const l of LOCALES)
      if (!draft.title[l].trim() || draft.title[l].trim().length > 200)
        errors.push({
          fieldId: `camp-title-${l}`,
          message: () => t('campaigns.errors.title', { language: t(`campaigns.language.${l}`) }),
        });
    for (const l of LOCALES)
      if (!draft.description[l].trim() || draft.description[l].trim().length > 2000)
        errors.push({
          fieldId: `camp-description-${l}`,
          message: () => t('campaigns.errors.description', { language: t(`campaigns.language.${l}`) }),
        });
    if (!draft.opens) errors.push({ fieldId: 'camp-opens', message: () => t('campaigns.errors.opens') });
    if (!draft.closes) errors.push({ fieldId: 'camp-closes', message: () => t('campaigns.errors.closes') });
    else if (draft.opens && new Date(draft.closes) <= new Date(draft.opens))
      errors.push({ fieldId: 'camp-closes', message: () => t('campaigns.errors.closesAfter') });
    if (draft.countries.length === 0)
      errors.push({ fieldId: 'camp-countries', message: () => t('campaigns.errors.countries') });
    if (draft.minAge && !wholeNumber(draft.minAge, 0, 130))
      errors.push({ fieldId: 'camp-min-age', message: () => t('campaigns.errors.age') });
    if (draft.maxAge && !wholeNumber(draft.maxAge, 0, 130))
      errors.push({ fieldId: 'camp-max-age', message: () => t('campaigns.errors.age') });
    else if (draft.minAge && draft.maxAge && Number(draft.maxAge) < Number(draft.minAge))
      errors.push({ fieldId: 'camp-max-age', message: () => t('campaigns.errors.maxAge') });
    const codes = new Set<string>();
    draft.groups.forEach((g, index) => {
      const n = index + 1;
      if (!/^[a-z][a-z0-9_]{0,39}$/.test(g.code.trim()) || codes.has(g.code.trim()))
        errors.push({ fieldId: `camp-group-${g.key}-code`, message: () => t('campaigns.errors.groupCode', { n }) });
      codes.add(g.code.trim());
      if (!wholeNumber(g.rank, 1, 99))
        errors.push({ fieldId: `camp-group-${g.key}-rank`, message: () => t('campaigns.errors.groupRank', { n }) });
      for (const l of LOCALES)
        if (!g.label[l].trim())
          errors.push({
            fieldId: `camp-group-${g.key}-${l}`,
            message: () => t('campaigns.errors.groupLabel', { n, language: t(`campaigns.language.${l}`) }),
          });
    });
    if (draft.kind === 'vaccination') {
      if (!draft.productName.trim())
        errors.push({ fieldId: 'camp-product', message: () => t('campaigns.errors.product') });
      if (!wholeNumber(draft.dosesRequired, 1, 9))
        errors.push({ fieldId: 'camp-doses', message: () => t('campaigns.errors.doses') });
    }
    return errors;
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const errors = check();
    form.show(errors);
    if (errors.length > 0) return;
    const body: CampaignBody = {
      code: draft.code.trim().toUpperCase(),
      kind: draft.kind,
      title: { 'zh-CN': draft.title['zh-CN'].trim(), en: draft.title.en.trim() },
      description: { 'zh-CN': draft.description['zh-CN'].trim(), en: draft.description.en.trim() },
      registrationOpensAt: new Date(draft.opens).toISOString(),
      registrationClosesAt: new Date(draft.closes).toISOString(),
      allocation: draft.allocation,
      eligibility: {
        countries: draft.countries,
        minAge: draft.minAge ? Number(draft.minAge) : null,
        maxAge: draft.maxAge ? Number(draft.maxAge) : null,
        priorityGroups: draft.groups.map((g) => ({
          code: g.code.trim(),
          rank: Number(g.rank),
          label: { 'zh-CN': g.label['zh-CN'].trim(), en: g.label.en.trim() },
        })),
      },
      vaccine:
        draft.kind === 'vaccination'
          ? {
              productName: draft.productName.trim(),
              dosesRequired: Number(draft.dosesRequired),
              prophylaxisCode: draft.prophylaxisCode || null,
              productCode: draft.productCode || null,
              manufacturerCode: draft.manufacturerCode || null,
            }
          : null,
    };
    setBusy(true);
    try {
      const saved =
        id && existing.data
          ? await putJson<Campaign>(campaignPath(id), { ...body, version: existing.data.version })
          : await postJson<Campaign>('/api/v1/campaigns', body);
      navigate(`/campaigns/${encodeURIComponent(saved.id)}`, {
        state: { notice: id ? t('campaigns.form.saved') : t('campaigns.form.created') },
      });
    } catch (error) {
      form.show(errorsFromFailure(error, FIELD_IDS, 'camp-code', t('errors.network')));
    } finally {
      setBusy(false);
    }
  }

  const text = (part: 'title' | 'description', l: Locale) => (
    <Field
      key={`${part}-${l}`}
      id={`camp-${part}-${l}`}
      label={t(`campaigns.form.${part}`, { language: t(`campaigns.language.${l}`) })}
      base={part === 'description' ? 'textarea' : 'input'}
      error={form.errorFor(`camp-${part}-${l}`)}
    >
      {(props) =>
        part === 'description' ? (
          <textarea
            {...props}
            lang={l}
            rows={4}
            value={draft.description[l]}
            onChange={(e) => set({ description: { ...draft.description, [l]: e.target.value } })}
          />
        ) : (
          <input
            {...props}
            lang={l}
            value={draft.title[l]}
            onChange={(e) => set({ title: { ...draft.title, [l]: e.target.value } })}
          />
        )
      }
    </Field>
  );

  if (id && !existing.data) {
    return (
      <>
        <h1>{title}</h1>
        <LoadError state={existing} />
        {existing.status === 'loading' ? <p role="status">{t('app.loading')}</p> : null}
      </>
    );
  }

  return (
    <form onSubmit={save} noValidate aria-labelledby="camp-edit-heading" className="camp-form">
      <p>
        <Link to={id ? `/campaigns/${encodeURIComponent(id)}` : '/campaigns'}>{t('campaigns.form.back')}</Link>
      </p>
      <h1 id="camp-edit-heading">{title}</h1>
      <ErrorSummary errors={form.errors} version={form.version} />
      <Field
        id="camp-code"
        label={t('campaigns.fields.code')}
        hint={t('campaigns.form.codeHint')}
        error={form.errorFor('camp-code')}
      >
        {(props) => (
          <input
            {...props}
            className={`${props.className} input--code`}
            autoComplete="off"
            spellCheck={false}
            value={draft.code}
            onChange={(e) => set({ code: e.target.value })}
          />
        )}
      </Field>
      <FieldSet id="camp-kind" legend={t('campaigns.fields.kind')} error={form.errorFor('camp-kind')}>
        <div className="radios">
          {CAMPAIGN_KINDS.map((k) => (
            <div key={k} className="checkbox">
              <input
                id={`camp-kind-${k}`}
                type="radio"
                name="kind"
                checked={draft.kind === k}
                onChange={() => set({ kind: k })}
              />
              <label htmlFor={`camp-kind-${k}`}>{t(`campaigns.kind.${k}`)}</label>
            </div>
          ))}
        </div>
      </FieldSet>
      {LOCALES.map((l) => text('title', l))}
      {LOCALES.map((l) => text('description', l))}
      <div className="camp-form__pair">
        <Field
          id="camp-opens"
          label={t('campaigns.fields.opens')}
          hint={t('campaigns.form.yourClock')}
          error={form.errorFor('camp-opens')}
        >
          {(props) => (
            <input
              {...props}
              type="datetime-local"
              value={draft.opens}
              onChange={(e) => set({ opens: e.target.value })}
            />
          )}
        </Field>
        <Field
          id="camp-closes"
          label={t('campaigns.fields.closes')}
          hint={t('campaigns.form.yourClock')}
          error={form.errorFor('camp-closes')}
        >
          {(props) => (
            <input
              {...props}
              type="datetime-local"
              value={draft.closes}
              onChange={(e) => set({ closes: e.target.value })}
            />
          )}
        </Field>
      </div>
      <FieldSet id="camp-allocation" legend={t('campaigns.fields.allocation')} error={form.errorFor('camp-allocation')}>
        <div className="radios">
          {ALLOCATION_MODES.map((mode) => (
            <div key={mode} className="checkbox">
              <input
                id={`camp-allocation-${mode}`}
                type="radio"
                name="allocation"
                checked={draft.allocation === mode}
                aria-describedby={`camp-allocation-${mode}-hint`}
                onChange={() => set({ allocation: mode })}
              />
              <label htmlFor={`camp-allocation-${mode}`}>{t(`campaigns.allocation.${mode}`)}</label>
              <p className="hint" id={`camp-allocation-${mode}-hint`}>
                {t(`campaigns.allocationHint.${mode}`)}
              </p>
            </div>
          ))}
        </div>
      </FieldSet>

      <h2>{t('campaigns.form.eligibility')}</h2>
      <LoadError state={countries} />
      <div className={form.errorFor('camp-countries') ? 'form-group form-group--error' : 'form-group'}>
        <label className="label" htmlFor="camp-countries">
          {t('campaigns.fields.countries')}
        </label>
        <p className="hint" id="camp-countries-hint">
          {t('campaigns.form.countriesHint')}
        </p>
        {form.errorFor('camp-countries') ? (
          <p className="error-message" id="camp-countries-error">
            <span className="visually-hidden">{t('errors.prefix')}</span>
            {form.errorFor('camp-countries')}
          </p>
        ) : null}
        <CountryPicker
          id="camp-countries"
          countries={countries.data ?? []}
          value={draft.countries}
          onChange={(next) => set({ countries: next })}
          describedBy={
            form.errorFor('camp-countries') ? 'camp-countries-hint camp-countries-error' : 'camp-countries-hint'
          }
          invalid={Boolean(form.errorFor('camp-countries'))}
        />
      </div>
      <div className="camp-form__pair">
        <Field
          id="camp-min-age"
          label={t('campaigns.fields.minAge')}
          hint={t('campaigns.form.ageHint')}
          error={form.errorFor('camp-min-age')}
        >
          {(props) => (
            <input
              {...props}
              className={`${props.className} camp-input--short`}
              inputMode="numeric"
              value={draft.minAge}
              onChange={(e) => set({ minAge: e.target.value })}
            />
          )}
        </Field>
        <Field
          id="camp-max-age"
          label={t('campaigns.fields.maxAge')}
          hint={t('campaigns.form.ageHint')}
          error={form.errorFor('camp-max-age')}
        >
          {(props) => (
            <input
              {...props}
              className={`${props.className} camp-input--short`}
              inputMode="numeric"
              value={draft.maxAge}
              onChange={(e) => set({ maxAge: e.target.value })}
            />
          )}
        </Field>
      </div>

      <fieldset className="fieldset camp-groups" id="camp-groups" tabIndex={-1} aria-describedby="camp-groups-hint">
        <legend className="label">{t('campaigns.fields.priorityGroups')}</legend>
        <p className="hint" id="camp-groups-hint">
          {t('campaigns.form.groupsHint')}
        </p>
        {draft.groups.length === 0 ? <p>{t('campaigns.form.noGroups')}</p> : null}
        {draft.groups.map((g, index) => (
          <fieldset key={g.key} className="camp-group">
            <legend>{t('campaigns.form.group', { n: index + 1 })}</legend>
            <div className="camp-group__fields">
              <Field
                id={`camp-group-${g.key}-code`}
                label={t('campaigns.form.groupCode')}
                hint={t('campaigns.form.groupCodeHint')}
                error={form.errorFor(`camp-group-${g.key}-code`)}
              >
                {(props) => (
                  <input
                    {...props}
                    className={`${props.className} input--code`}
                    autoComplete="off"
                    spellCheck={false}
                    value={g.code}
                    onChange={(e) => setGroup(g.key, { code: e.target.value })}
                  />
                )}
              </Field>
              <Field
                id={`camp-group-${g.key}-rank`}
                label={t('campaigns.form.groupRank')}
                hint={t('campaigns.form.groupRankHint')}
                error={form.errorFor(`camp-group-${g.key}-rank`)}
              >
                {(props) => (
                  <input
                    {...props}
                    className={`${props.className} camp-input--short`}
                    inputMode="numeric"
                    value={g.rank}
                    onChange={(e) => setGroup(g.key, { rank: e.target.value })}
                  />
                )}
              </Field>
              {LOCALES.map((l) => (
                <Field
                  key={l}
                  id={`camp-group-${g.key}-${l}`}
                  label={t('campaigns.form.groupLabel', { language: t(`campaigns.language.${l}`) })}
                  error={form.errorFor(`camp-group-${g.key}-${l}`)}
                >
                  {(props) => (
                    <input
                      {...props}
                      lang={l}
                      value={g.label[l]}
                      onChange={(e) => setGroup(g.key, { label: { ...g.label, [l]: e.target.value } })}
                    />
                  )}
                </Field>
              ))}
            </div>
            <button
              type="button"
              className="link-button"
              onClick={() => set({ groups: draft.groups.filter((x) => x.key !== g.key) })}
            >
              {t('campaigns.form.removeGroup', { n: index + 1 })}
            </button>
          </fieldset>
        ))}
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            const rank = String(draft.groups.reduce((max, g) => Math.max(max, Number(g.rank) || 0), 0) + 1);
            set({ groups: [...draft.groups, { key: nextKey, code: '', rank, label: { 'zh-CN': '', en: '' } }] });
            setNextKey((k) => k + 1);
          }}
        >
          {t('campaigns.form.addGroup')}
        </button>
      </fieldset>

      {draft.kind === 'vaccination' ? (
        <>
          <h2>{t('campaigns.form.product')}</h2>
          <div className="camp-form__pair">
            <Field
              id="camp-product"
              label={t('campaigns.fields.productName')}
              hint={t('campaigns.form.productHint')}
              error={form.errorFor('camp-product')}
            >
              {(props) => (
                <input {...props} value={draft.productName} onChange={(e) => set({ productName: e.target.value })} />
              )}
            </Field>
            <Field id="camp-doses" label={t('campaigns.fields.dosesRequired')} error={form.errorFor('camp-doses')}>
              {(props) => (
                <input
                  {...props}
                  className={`${props.className} camp-input--short`}
                  inputMode="numeric"
                  value={draft.dosesRequired}
                  onChange={(e) => set({ dosesRequired: e.target.value })}
                />
              )}
            </Field>
          </div>
          <p className="hint" id="camp-dcc-hint">
            {t('campaigns.form.dccHint')}
          </p>
          <DccCodeSelect
            id="camp-vp"
            label={t('campaigns.fields.prophylaxisCode')}
            set="vaccineProphylaxis"
            value={draft.prophylaxisCode}
            onChange={(code) => set({ prophylaxisCode: code })}
            error={form.errorFor('camp-vp')}
          />
          <DccCodeSelect
            id="camp-mp"
            label={t('campaigns.fields.productCode')}
            set="vaccineProduct"
            value={draft.productCode}
            onChange={(code) => set({ productCode: code })}
            error={form.errorFor('camp-mp')}
          />
          <DccCodeSelect
            id="camp-ma"
            label={t('campaigns.fields.manufacturerCode')}
            set="vaccineManufacturer"
            value={draft.manufacturerCode}
            onChange={(code) => set({ manufacturerCode: code })}
            error={form.errorFor('camp-ma')}
          />
        </>
      ) : null}

      <div className="button-group">
        <button type="submit" className="button" aria-disabled={busy}>
          {id ? t('campaigns.form.save') : t('campaigns.form.create')}
        </button>
      </div>
    </form>
  );
}
