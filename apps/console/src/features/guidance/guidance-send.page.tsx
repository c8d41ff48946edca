import type { Country, PlaceRegion } from '@homeward/shared';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { formatNumber, sortByName } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.hook.ts';
import { ErrorSummary } from '../auth/error-summary.component.tsx';
import { Confirm } from '../forms/confirm.component.tsx';
import { Field } from '../forms/field.component.tsx';
import { errorsFromFailure, type FormError, useFormErrors } from '../forms/form-errors.ts';
import {
  type GuidanceArea,
  type GuidanceArticlePage,
  type GuidanceSend,
  previewSend,
  publishedListPath,
  sendGuidance,
} from './guidance.api.ts';
import './guidance.css';

/** One place of the area: a whole country, or one of its admin-1 regions. */
interface Place {
  country: string;
  region: string;
  label: string;
}

function areaOf(places: readonly Place[]): GuidanceArea {
  return {
    countries: places.filter((p) => !p.region).map((p) => p.country),
    regions: places.filter((p) => p.region).map((p) => p.region),
  };
}

const FIELD_IDS = { '/body/articleId': 'send-article', '/body/area': 'send-country' };

/**
 * Send a published article to the staff of business sites in an area: pick the article, add countries or regions,
 * see how many site staff it reaches now, confirm with that number, send. Each send is recorded and audited.
 */
export function GuidanceSendPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [params] = useSearchParams();
  const articles = useApi<GuidanceArticlePage>(publishedListPath);
  const countries = useApi<Country[]>('/api/v1/countries');
  const [articleId, setArticleId] = useState(params.get('article') ?? '');
  const [country, setCountry] = useState('');
  const [region, setRegion] = useState('');
  const [places, setPlaces] = useState<Place[]>([]);
  const [reach, setReach] = useState<number | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<GuidanceSend | null>(null);
  const form = useFormErrors();
  const regions = useApi<{ items: PlaceRegion[] }>(
    country ? `/api/v1/places/regions?country=${encodeURIComponent(country)}` : null,
  );
  useDocumentTitle(t('guidance.send.title'));

  // The live count: asked again whenever the area changes.
  useEffect(() => {
    setReach(null);
    setConfirming(false);
    if (places.length === 0) return;
    let current = true;
    previewSend(areaOf(places)).then(
      (preview) => current && setReach(preview.siteStaff),
      () => current && setReach(null),
    );
    return () => {
      current = false;
    };
  }, [places]);

  const countryName = (code: string) => countries.data?.find((c) => c.code === code)?.name[locale] ?? code;
  const addPlace = () => {
    if (!country) {
      form.show([{ fieldId: 'send-country', message: () => t('guidance.send.errors.country') }]);
      return;
    }
    const regionName = regions.data?.items.find((r) => r.code === region)?.name;
    const label = regionName ? `${countryName(country)} · ${regionName}` : countryName(country);
    const key = region || country;
    if (!places.some((p) => (p.region || p.country) === key)) setPlaces([...places, { country, region, label }]);
    form.clear();
    setRegion('');
  };
  const article = articles.data?.items.find((a) => a.id === articleId);
  const articleTitle = article ? article.title[locale] || article.title[locale === 'en' ? 'zh-CN' : 'en'] : '';

  const onCheck = (event: FormEvent) => {
    event.preventDefault();
    const errors: FormError[] = [];
    if (!articleId) errors.push({ fieldId: 'send-article', message: () => t('guidance.send.errors.article') });
    if (places.length === 0) errors.push({ fieldId: 'send-country', message: () => t('guidance.send.errors.area') });
    else if (reach === 0) errors.push({ fieldId: 'send-country', message: () => t('guidance.send.errors.nobody') });
    form.show(errors);
    setConfirming(errors.length === 0 && reach !== null);
  };
  const onSend = async () => {
    if (busy) return;
    setBusy(true);
    try {
      setSent(await sendGuidance(articleId, areaOf(places)));
      setConfirming(false);
      setPlaces([]);
    } catch (error) {
      setConfirming(false);
      form.show(errorsFromFailure(error, FIELD_IDS, 'send-article', t('errors.network')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <p>
        <Link to="/guidance">{t('guidance.back')}</Link>
      </p>
      {sent ? (
        <div className="notice notice--success" role="status">
          <p>
            {t('guidance.send.done', {
              count: sent.recipients,
              formatted: formatNumber(sent.recipients, locale),
              title: sent.articleTitle[locale] || sent.articleTitle[locale === 'en' ? 'zh-CN' : 'en'],
            })}
          </p>
        </div>
      ) : null}
      <form onSubmit={onCheck} noValidate aria-labelledby="send-heading">
        <h1 id="send-heading">{t('guidance.send.title')}</h1>
        <p>{t('guidance.send.intro')}</p>
        <ErrorSummary errors={form.errors} version={form.version} />
        <Field id="send-article" label={t('guidance.send.article')} base="select" error={form.errorFor('send-article')}>
          {(props) => (
            <select
              {...props}
              value={articleId}
              onChange={(e) => {
                setArticleId(e.target.value);
                setConfirming(false);
              }}
            >
              <option value="">{t('guidance.send.chooseArticle')}</option>
              {(articles.data?.items ?? []).map((a) => (
                <option key={a.id} value={a.id}>
                  {a.title[locale] || a.title[locale === 'en' ? 'zh-CN' : 'en']} ·{' '}
                  {a.countryName ? a.countryName[locale] : t('guidance.everyCountry')}
                </option>
              ))}
            </select>
          )}
        </Field>
        <fieldset className="fieldset guidance-area">
          <legend className="label">{t('guidance.send.area')}</legend>
          <p className="hint">{t('guidance.send.areaHint')}</p>
          <div className="guidance-area__pickers">
            <Field id="send-country" label={t('guidance.country')} base="select" error={form.errorFor('send-country')}>
              {(props) => (
                <select
                  {...props}
                  value={country}
                  onChange={(e) => {
                    setCountry(e.target.value);
                    setRegion('');
                  }}
                >
                  <option value="">{t('guidance.send.chooseCountry')}</option>
                  {sortByName(countries.data ?? [], locale).map((c) => (
                    <option key={c.code} value={c.code}>
                      {c.name[locale]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field id="send-region" label={t('guidance.send.region')} base="select">
              {(props) => (
                <select {...props} value={region} disabled={!country} onChange={(e) => setRegion(e.target.value)}>
                  <option value="">{t('guidance.send.wholeCountry')}</option>
                  {(regions.data?.items ?? []).map((r) => (
                    <option key={r.code} value={r.code}>
                      {r.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <div className="form-group">
              <button type="button" className="button button--secondary" onClick={addPlace}>
                {t('guidance.send.add')}
              </button>
            </div>
          </div>
          {places.length > 0 ? (
            <ul className="guidance-places">
              {places.map((p) => (
                <li key={p.region || p.country}>
                  {p.label}{' '}
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => setPlaces(places.filter((x) => x !== p))}
                  >
                    {t('guidance.send.remove')}
                    <span className="visually-hidden"> {p.label}</span>
                  </button>
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('guidance.send.noPlaces')}</p>
          )}
        </fieldset>
        <p className="guidance-reach" aria-live="polite">
          {places.length === 0
            ? ''
            : reach === null
              ? t('guidance.send.counting')
              : t('guidance.send.reach', { count: reach, formatted: formatNumber(reach, locale) })}
        </p>
        {confirming && reach !== null ? (
          <Confirm
            question={t('guidance.send.confirm', {
              count: reach,
              formatted: formatNumber(reach, locale),
              title: articleTitle,
              places: places.map((p) => p.label).join(', '),
            })}
            confirmLabel={t('guidance.send.confirmButton')}
            onConfirm={() => void onSend()}
            onCancel={() => setConfirming(false)}
            busy={busy}
          />
        ) : (
          <div className="button-group">
            <button type="submit" className="button">
              {t('guidance.send.check')}
            </button>
          </div>
        )}
      </form>
    </>
  );
}
