import './campaigns.css';
import { LOCALES, type Locale } from '@homeward/shared';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { postJson, putJson } from '../../lib/api.client.ts';
import { utcOffset } from '../../lib/format.ts';
import { LoadError } from '../../lib/load-error.component.tsx';
import { useApi } from '../../lib/use-api.hook.ts';
import { ErrorSummary } from '../auth/error-summary.component.tsx';
import { Field, FieldSet } from '../forms/field.component.tsx';
import { errorsFromFailure, useFormErrors } from '../forms/form-errors.ts';
import { bodyOf, checkDraft, type Draft, draftOf, EMPTY, FIELD_IDS } from './campaign-draft.ts';
import {
  ALLOCATION_MODES,
  CAMPAIGN_KINDS,
  type Campaign,
  COUNTRIES_PATH,
  type Country,
  campaignPath,
} from './campaigns.api.ts';
import { CountryPicker } from './country-picker.component.tsx';
import { DccCodeSelect } from './dcc-code-select.component.tsx';
import { PriorityGroupsFieldset } from './priority-groups.fieldset.tsx';

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
  const [busy, setBusy] = useState(false);
  const form = useFormErrors();
  const title = id ? t('campaigns.form.editTitle') : t('campaigns.form.createTitle');
  // The dates are typed on the officer's own clock; the hint names it, as HQ and missions span time zones.
  const ownZone = `${Intl.DateTimeFormat().resolvedOptions().timeZone}, ${utcOffset(Intl.DateTimeFormat().resolvedOptions().timeZone, new Date())}`;
  useDocumentTitle(title, form.errors.length > 0);

  useEffect(() => {
    if (existing.data) setDraft(draftOf(existing.data));
  }, [existing.data]);

  const set = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));

  async function save(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const errors = checkDraft(draft, t);
    form.show(errors);
    if (errors.length > 0) return;
    const body = bodyOf(draft);
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
          hint={t('campaigns.form.yourClock', { zone: ownZone })}
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
          hint={t('campaigns.form.yourClock', { zone: ownZone })}
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

      <PriorityGroupsFieldset groups={draft.groups} onChange={(groups) => set({ groups })} errorFor={form.errorFor} />

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
