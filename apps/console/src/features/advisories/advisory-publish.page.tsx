import {
  ADVISORY_LEVELS,
  type AdvisoryLevel,
  type Country,
  LOCALES,
  type Locale,
  type PlaceRegion,
  type PublishAdvisoryBody,
} from '@homeward/shared';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { sortByName } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.hook.ts';
import { ErrorSummary } from '../auth/error-summary.component.tsx';
import { Confirm } from '../forms/confirm.component.tsx';
import { Field, FieldSet } from '../forms/field.component.tsx';
import { errorsFromFailure, type FormError, useFormErrors } from '../forms/form-errors.ts';
import { type AdvisoryCountry, countryAdvisoriesPath, publishAdvisory } from './advisories.api.ts';
import { AdvisoryMarkdown } from './advisory-markdown.component.tsx';
import { LevelTag } from './level-tag.component.tsx';

interface Draft {
  country: string;
  region: string;
  level: AdvisoryLevel | null;
  summary: Record<Locale, string>;
  details: Record<Locale, string>;
  effectiveFrom: string;
  effectiveUntil: string;
}

const FIELD_IDS: Record<string, string> = {
  '/country': 'adv-country',
  '/region': 'adv-region',
  '/level': 'adv-level',
  '/summary/zh-CN': 'adv-summary-zh-CN',
  '/summary/en': 'adv-summary-en',
  '/details/zh-CN': 'adv-details-zh-CN',
  '/details/en': 'adv-details-en',
  '/effectiveFrom': 'adv-from',
  '/effectiveUntil': 'adv-until',
};
// The server names fields by their place in the body (`/body/summary/en`).
const SERVER_FIELD_IDS = Object.fromEntries(Object.entries(FIELD_IDS).map(([k, v]) => [`/body${k}`, v]));

/** A datetime-local value (the officer's own clock) as an ISO instant, or undefined when empty. */
function instant(value: string): string | undefined {
  return value ? new Date(value).toISOString() : undefined;
}

/**
 * Publish a new level for a country or one region: both languages, a live preview of the Markdown as citizens
 * will see it, then a confirmation naming the old and new level before anything is sent.
 */
export function AdvisoryPublishPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const form = useFormErrors();
  const [draft, setDraft] = useState<Draft>({
    country: params.get('country') ?? '',
    region: '',
    level: null,
    summary: { 'zh-CN': '', en: '' },
    details: { 'zh-CN': '', en: '' },
    effectiveFrom: '',
    effectiveUntil: '',
  });
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const countries = useApi<Country[]>('/api/v1/countries');
  const regions = useApi<{ items: PlaceRegion[] }>(
    draft.country ? `/api/v1/places/regions?country=${encodeURIComponent(draft.country)}` : null,
  );
  const existing = useApi<AdvisoryCountry>(draft.country ? countryAdvisoriesPath(draft.country) : null);
  useDocumentTitle(t('advisories.publishTitle'));

  const inForce =
    existing.data?.country === draft.country
      ? draft.region
        ? existing.data.regions.find((a) => a.region === draft.region)
        : existing.data.current
      : undefined;
  const countryName = countries.data?.find((c) => c.code === draft.country)?.name[locale] ?? draft.country;
  const regionName = regions.data?.items.find((r) => r.code === draft.region)?.name;
  const place = regionName ? `${countryName} · ${regionName}` : countryName;

  const check = (event: FormEvent) => {
    event.preventDefault();
    const errors: FormError[] = [];
    if (!draft.country) errors.push({ fieldId: 'adv-country', message: () => t('advisories.errors.country') });
    if (draft.level === null) errors.push({ fieldId: 'adv-level', message: () => t('advisories.errors.level') });
    for (const part of ['summary', 'details'] as const)
      for (const l of LOCALES)
        if (!draft[part][l].trim())
          errors.push({
            fieldId: `adv-${part}-${l}`,
            message: () => t(`advisories.errors.${part}`, { language: t(`advisories.language.${l}`) }),
          });
    if (draft.effectiveFrom && draft.effectiveUntil && draft.effectiveUntil <= draft.effectiveFrom)
      errors.push({ fieldId: 'adv-until', message: () => t('advisories.errors.until') });
    form.show(errors);
    setConfirming(errors.length === 0);
  };

  const send = async () => {
    if (busy || draft.level === null) return;
    setBusy(true);
    const body: PublishAdvisoryBody = {
      country: draft.country,
      region: draft.region,
      level: draft.level,
      summary: draft.summary,
      details: draft.details,
    };
    const from = instant(draft.effectiveFrom);
    const until = instant(draft.effectiveUntil);
    if (from) body.effectiveFrom = from;
    if (until) body.effectiveUntil = until;
    try {
      const saved = await publishAdvisory(body);
      navigate(`/advisories/${saved.country}`, {
        state: { published: t('advisories.published', { place, level: saved.level }) },
      });
    } catch (error) {
      setConfirming(false);
      form.show(errorsFromFailure(error, SERVER_FIELD_IDS, 'adv-country', t('errors.network')));
    } finally {
      setBusy(false);
    }
  };

  const set = (change: Partial<Draft>) => {
    setConfirming(false);
    setDraft({ ...draft, ...change });
  };
  const localized = (part: 'summary' | 'details', l: Locale) => (
    <div key={`${part}-${l}`}>
      <Field
        id={`adv-${part}-${l}`}
        label={t(`advisories.form.${part}`, { language: t(`advisories.language.${l}`) })}
        hint={part === 'details' ? t('advisories.form.detailsHint') : undefined}
        base="textarea"
        error={form.errorFor(`adv-${part}-${l}`)}
      >
        {(props) => (
          <textarea
            {...props}
            lang={l}
            rows={part === 'details' ? 10 : 3}
            value={draft[part][l]}
            onChange={(e) => set({ [part]: { ...draft[part], [l]: e.target.value } })}
          />
        )}
      </Field>
      {part === 'details' && draft.details[l].trim() ? (
        <section
          className="advisory-preview"
          aria-label={t('advisories.form.preview', { language: t(`advisories.language.${l}`) })}
        >
          <p className="hint">{t('advisories.form.preview', { language: t(`advisories.language.${l}`) })}</p>
          <AdvisoryMarkdown text={draft.details[l]} lang={l} />
        </section>
      ) : null}
    </div>
  );

  return (
    <form onSubmit={check} noValidate aria-labelledby="adv-publish-heading">
      <h1 id="adv-publish-heading">{t('advisories.publishTitle')}</h1>
      <p>{t('advisories.publishIntro')}</p>
      <ErrorSummary errors={form.errors} version={form.version} />
      <Field id="adv-country" label={t('advisories.form.country')} base="select" error={form.errorFor('adv-country')}>
        {(props) => (
          <select {...props} value={draft.country} onChange={(e) => set({ country: e.target.value, region: '' })}>
            <option value="">{t('advisories.form.chooseCountry')}</option>
            {sortByName(countries.data ?? [], locale).map((c) => (
              <option key={c.code} value={c.code}>
                {c.name[locale]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        id="adv-region"
        label={t('advisories.form.region')}
        hint={t('advisories.form.regionHint')}
        base="select"
        error={form.errorFor('adv-region')}
      >
        {(props) => (
          <select
            {...props}
            value={draft.region}
            disabled={!draft.country}
            onChange={(e) => set({ region: e.target.value })}
          >
            <option value="">{t('advisories.wholeCountry')}</option>
            {(regions.data?.items ?? []).map((r) => (
              <option key={r.code} value={r.code}>
                {r.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      {draft.country ? (
        <p aria-live="polite">
          {inForce ? (
            <>
              {t('advisories.form.nowInForce')} <LevelTag level={inForce.level} />
            </>
          ) : existing.data ? (
            t('advisories.form.noneInForce')
          ) : null}
        </p>
      ) : null}
      <FieldSet id="adv-level" legend={t('advisories.form.level')} error={form.errorFor('adv-level')}>
        <div className="radios">
          {ADVISORY_LEVELS.map((level) => (
            <div key={level} className="checkbox">
              <input
                id={`adv-level-${level}`}
                type="radio"
                name="level"
                checked={draft.level === level}
                onChange={() => set({ level })}
              />
              <label htmlFor={`adv-level-${level}`}>
                <LevelTag level={level} /> {t(`advisories.levelMeaning.${level}`)}
              </label>
            </div>
          ))}
        </div>
      </FieldSet>
      {LOCALES.map((l) => localized('summary', l))}
      {LOCALES.map((l) => localized('details', l))}
      <Field
        id="adv-from"
        label={t('advisories.form.from')}
        hint={t('advisories.form.fromHint')}
        error={form.errorFor('adv-from')}
      >
        {(props) => (
          <input
            {...props}
            type="datetime-local"
            value={draft.effectiveFrom}
            onChange={(e) => set({ effectiveFrom: e.target.value })}
          />
        )}
      </Field>
      <Field
        id="adv-until"
        label={t('advisories.form.until')}
        hint={t('advisories.form.untilHint')}
        error={form.errorFor('adv-until')}
      >
        {(props) => (
          <input
            {...props}
            type="datetime-local"
            value={draft.effectiveUntil}
            onChange={(e) => set({ effectiveUntil: e.target.value })}
          />
        )}
      </Field>
      {confirming && draft.level !== null ? (
        <Confirm
          question={
            inForce
              ? t('advisories.confirmChange', {
                  place,
                  from: `${t('advisories.levelNumber', { level: inForce.level })} · ${t(`advisories.level.${inForce.level}`)}`,
                  to: `${t('advisories.levelNumber', { level: draft.level })} · ${t(`advisories.level.${draft.level}`)}`,
                })
              : t('advisories.confirmNew', {
                  place,
                  to: `${t('advisories.levelNumber', { level: draft.level })} · ${t(`advisories.level.${draft.level}`)}`,
                })
          }
          confirmLabel={t('advisories.confirmPublish')}
          onConfirm={send}
          onCancel={() => setConfirming(false)}
          busy={busy}
        />
      ) : (
        <div className="button-group">
          <button type="submit" className="button">
            {t('advisories.check')}
          </button>
        </div>
      )}
    </form>
  );
}
