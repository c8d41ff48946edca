import { KNOWLEDGE_TOPICS, type KnowledgeTopic, LOCALES, type Locale } from '@homeward/shared';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { ApiError } from '../../lib/api.client.ts';
import { formatDateTime } from '../../lib/format.ts';
import { LoadError } from '../../lib/load-error.component.tsx';
import { useApi } from '../../lib/use-api.hook.ts';
import { ErrorSummary } from '../auth/error-summary.component.tsx';
import { useSessionUser } from '../auth/session.context.tsx';
import { Field } from '../forms/field.component.tsx';
import { errorsFromFailure, useFormErrors } from '../forms/form-errors.ts';
import { articlePath, type KnowledgeArticle, type KnowledgeList, knowledgePath, saveArticle } from './hotline.api.ts';
import { ArticleView, useDebounced } from './knowledge-panel.component.tsx';
import './hotline.css';

/** The knowledge base: search on the left, the chosen answer on the right (below on phones); HQ edits. */
export function KnowledgePage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { slug } = useParams();
  const [params, setParams] = useSearchParams();
  const [query, setQuery] = useState(params.get('q') ?? '');
  const topic = (params.get('topic') ?? '') as KnowledgeTopic | '';
  const settled = useDebounced(query, 250);
  useEffect(() => {
    const next = new URLSearchParams(params);
    if (settled.trim()) next.set('q', settled.trim());
    else next.delete('q');
    if (next.toString() !== params.toString()) setParams(next, { replace: true });
  }, [settled, params, setParams]);
  const results = useApi<KnowledgeList>(knowledgePath(params.get('q') ?? '', topic));
  useDocumentTitle(t('hotline.kb.title'));
  const suffix = params.toString() ? `?${params}` : '';

  return (
    <>
      <h1>{t('hotline.kb.title')}</h1>
      <p>{t('hotline.kb.intro')}</p>
      <div className="kb-page">
        <div>
          <div className="form-group">
            <label className="label" htmlFor="kb-search">
              {t('hotline.kb.search')}
            </label>
            <p className="hint" id="kb-search-hint">
              {t('hotline.kb.searchHint')}
            </p>
            <input
              id="kb-search"
              className="input"
              type="search"
              aria-describedby="kb-search-hint"
              value={query}
              onChange={(event) => setQuery(event.target.value)}
            />
          </div>
          <div className="form-group">
            <label className="label" htmlFor="kb-topic">
              {t('hotline.kb.topic')}
            </label>
            <select
              id="kb-topic"
              className="select"
              value={topic}
              onChange={(event) => {
                const next = new URLSearchParams(params);
                if (event.target.value) next.set('topic', event.target.value);
                else next.delete('topic');
                setParams(next, { replace: true });
              }}
            >
              <option value="">{t('hotline.kb.anyTopic')}</option>
              {(Object.keys(KNOWLEDGE_TOPICS) as KnowledgeTopic[]).map((k) => (
                <option key={k} value={k}>
                  {KNOWLEDGE_TOPICS[k][locale]}
                </option>
              ))}
            </select>
          </div>
          <LoadError state={results} />
          {results.data ? (
            <>
              <p className="count" role="status">
                {results.data.items.length === 0
                  ? t('hotline.kb.none')
                  : t('hotline.kb.count', { count: results.data.items.length })}
              </p>
              <ul className="kb-list">
                {results.data.items.map((a) => (
                  <li key={a.slug}>
                    <Link
                      to={`/hotline/knowledge/${a.slug}${suffix}`}
                      aria-current={a.slug === slug ? 'page' : undefined}
                    >
                      {a.title[locale]}
                    </Link>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p className="loading">{t('hotline.log.searching')}</p>
          )}
        </div>
        <div>{slug ? <ArticlePane key={slug} slug={slug} /> : null}</div>
      </div>
    </>
  );
}

function ArticlePane({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const user = useSessionUser();
  const state = useApi<KnowledgeArticle>(articlePath(slug));
  const [article, setArticle] = useState<KnowledgeArticle | null>(null);
  const [language, setLanguage] = useState<Locale>(locale);
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState('');
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (state.data) setArticle(state.data);
  }, [state.data]);
  if (!article) return <LoadError state={state} />;
  const updated = t('hotline.kb.version', { version: article.version, at: formatDateTime(article.updatedAt, locale) });

  if (editing)
    return (
      <ArticleEditor
        article={article}
        onCancel={() => setEditing(false)}
        onSaved={(saved, message) => {
          setArticle(saved);
          setNotice(message);
          setEditing(false);
          window.setTimeout(() => headingRef.current?.focus(), 0);
        }}
      />
    );
  return (
    <section aria-labelledby="kb-article-heading">
      <h2 id="kb-article-heading" ref={headingRef} tabIndex={-1} className="visually-hidden">
        {article.title[locale]}
      </h2>
      <p role="status" className="status-line">
        {notice}
      </p>
      <fieldset className="fieldset">
        <legend className="label">{t('hotline.kb.readIn')}</legend>
        <div className="hotline-inline">
          {LOCALES.map((l) => (
            <div key={l} className="checkbox">
              <input
                id={`kb-lang-${l}`}
                type="radio"
                name="kb-lang"
                checked={language === l}
                onChange={() => setLanguage(l)}
              />
              <label htmlFor={`kb-lang-${l}`}>{t(`hotline.language.${l}`)}</label>
            </div>
          ))}
        </div>
      </fieldset>
      <ArticleView article={article} language={language} />
      <p className="muted">
        {updated}
        {article.updatedBy ? t('hotline.kb.by', { name: article.updatedBy }) : ''}
      </p>
      {user.role === 'hq_admin' ? (
        <button type="button" className="button button--secondary" onClick={() => setEditing(true)}>
          {t('hotline.kb.edit')}
        </button>
      ) : null}
    </section>
  );
}

type Draft = Pick<KnowledgeArticle, 'topic' | 'title' | 'body' | 'keywords' | 'version'>;

function ArticleEditor({
  article,
  onCancel,
  onSaved,
}: {
  article: KnowledgeArticle;
  onCancel: () => void;
  onSaved: (article: KnowledgeArticle, message: string) => void;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const form = useFormErrors();
  const [draft, setDraft] = useState<Draft>({
    version: article.version,
    topic: article.topic,
    title: article.title,
    body: article.body,
    keywords: article.keywords,
  });
  const [saving, setSaving] = useState(false);
  const fieldIds: Record<string, string> = {
    '/title/zh-CN': 'kb-title-zh',
    '/title/en': 'kb-title-en',
    '/body/zh-CN': 'kb-body-zh',
    '/body/en': 'kb-body-en',
    '/keywords': 'kb-keywords',
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const missing = (['title', 'body'] as const).flatMap((part) =>
      LOCALES.filter((l) => !draft[part][l].trim()).map((l) => ({
        fieldId: fieldIds[`/${part}/${l}`] ?? null,
        message: () => t('hotline.kb.errors.required'),
      })),
    );
    form.show(missing);
    if (missing.length > 0) return;
    setSaving(true);
    try {
      const saved = await saveArticle(article.slug, {
        version: draft.version,
        topic: draft.topic,
        title: draft.title,
        body: draft.body,
        keywords: draft.keywords,
      });
      onSaved(saved, t('hotline.kb.saved', { version: saved.version }));
    } catch (error) {
      const current =
        error instanceof ApiError && error.status === 409
          ? (error.problem as { current?: KnowledgeArticle } | null)?.current
          : undefined;
      if (current) onSaved(current, t('hotline.kb.conflict'));
      else form.show(errorsFromFailure(error, fieldIds, 'kb-title-zh', t('errors.network')));
    } finally {
      setSaving(false);
    }
  };
  const text = (id: string, label: string, value: string, onChange: (v: string) => void, lang: Locale) => (
    <Field id={id} label={label} error={form.errorFor(id)}>
      {(props) => (
        <input
          {...props}
          className={`${props.className} input--wide`}
          lang={lang}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
  const area = (id: string, label: string, value: string, onChange: (v: string) => void, lang: Locale) => (
    <Field id={id} label={label} hint={t('hotline.kb.bodyHint')} base="textarea" error={form.errorFor(id)}>
      {(props) => (
        <textarea {...props} lang={lang} rows={14} value={value} onChange={(e) => onChange(e.target.value)} />
      )}
    </Field>
  );
  return (
    <form onSubmit={submit} noValidate aria-labelledby="kb-edit-heading">
      <h2 id="kb-edit-heading">{t('hotline.kb.editTitle', { title: article.title[locale] })}</h2>
      <ErrorSummary errors={form.errors} version={form.version} />
      <Field id="kb-topic-edit" label={t('hotline.kb.topic')} base="select">
        {(props) => (
          <select
            {...props}
            value={draft.topic}
            onChange={(e) => setDraft({ ...draft, topic: e.target.value as KnowledgeTopic })}
          >
            {(Object.keys(KNOWLEDGE_TOPICS) as KnowledgeTopic[]).map((k) => (
              <option key={k} value={k}>
                {KNOWLEDGE_TOPICS[k][locale]}
              </option>
            ))}
          </select>
        )}
      </Field>
      {text(
        'kb-title-zh',
        t('hotline.kb.titleZh'),
        draft.title['zh-CN'],
        (v) => setDraft({ ...draft, title: { ...draft.title, 'zh-CN': v } }),
        'zh-CN',
      )}
      {area(
        'kb-body-zh',
        t('hotline.kb.bodyZh'),
        draft.body['zh-CN'],
        (v) => setDraft({ ...draft, body: { ...draft.body, 'zh-CN': v } }),
        'zh-CN',
      )}
      {text(
        'kb-title-en',
        t('hotline.kb.titleEn'),
        draft.title.en,
        (v) => setDraft({ ...draft, title: { ...draft.title, en: v } }),
        'en',
      )}
      {area(
        'kb-body-en',
        t('hotline.kb.bodyEn'),
        draft.body.en,
        (v) => setDraft({ ...draft, body: { ...draft.body, en: v } }),
        'en',
      )}
      <Field
        id="kb-keywords"
        label={t('hotline.kb.keywords')}
        hint={t('hotline.kb.keywordsHint')}
        error={form.errorFor('kb-keywords')}
      >
        {(props) => (
          <input
            {...props}
            className={`${props.className} input--wide`}
            value={draft.keywords}
            onChange={(e) => setDraft({ ...draft, keywords: e.target.value })}
          />
        )}
      </Field>
      <div className="button-group">
        <button type="submit" className="button" disabled={saving}>
          {t('hotline.kb.save')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('hotline.kb.cancel')}
        </button>
      </div>
    </form>
  );
}
