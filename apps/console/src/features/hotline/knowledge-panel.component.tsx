import { LOCALES, type Locale } from '@homeward/shared';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/i18n.ts';
import { LoadError } from '../../lib/load-error.component.tsx';
import { useApi } from '../../lib/use-api.hook.ts';
import { type KnowledgeArticle, type KnowledgeList, knowledgePath } from './hotline.api.ts';
import { Markdown } from './markdown.component.tsx';

/** Waits until typing pauses, so a search runs once per word, not once per key. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** Copies the answer as plain text; says whether it worked, for screen readers too. */
export function CopyButton({ text }: { text: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = () =>
    navigator.clipboard.writeText(text).then(
      () => setState('copied'),
      () => setState('failed'),
    );
  return (
    <p className="kb-copy">
      <button type="button" className="button button--secondary button--small" onClick={copy}>
        {t('hotline.kb.copy')}
      </button>{' '}
      <span role="status">
        {state === 'copied' ? t('hotline.kb.copied') : state === 'failed' ? t('hotline.kb.copyFailed') : ''}
      </span>
    </p>
  );
}

/** One answer in one language, with its copy button. */
export function ArticleView({ article, language }: { article: KnowledgeArticle; language: Locale }) {
  return (
    <article className="kb-article" lang={language}>
      <h3>{article.title[language]}</h3>
      <CopyButton text={`${article.title[language]}\n\n${article.body[language]}`} />
      <Markdown text={article.body[language]} lang={language} />
    </article>
  );
}

/**
 * The knowledge base beside the call form: search as you type, pick an answer, read it in the language of the
 * call (the agent can switch), copy it.
 */
export function KnowledgePanel({ callLanguage, suggestion }: { callLanguage: Locale; suggestion: string }) {
  const { t } = useTranslation();
  const uiLocale = currentLocale();
  const searchId = useId();
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  const [language, setLanguage] = useState<Locale>(callLanguage);
  useEffect(() => setLanguage(callLanguage), [callLanguage]);
  const effective = useDebounced(query.trim() || suggestion, 250);
  const results = useApi<KnowledgeList>(knowledgePath(effective));
  const items = results.data?.items ?? [];
  const article = items.find((a) => a.slug === chosen) ?? null;

  return (
    <aside className="kb-panel" aria-labelledby={`${searchId}-heading`}>
      <h2 id={`${searchId}-heading`}>{t('hotline.kb.panel')}</h2>
      <div className="form-group">
        <label className="label" htmlFor={searchId}>
          {t('hotline.kb.search')}
        </label>
        <p className="hint" id={`${searchId}-hint`}>
          {t('hotline.kb.searchHint')}
        </p>
        <input
          id={searchId}
          className="input"
          type="search"
          value={query}
          aria-describedby={`${searchId}-hint`}
          onChange={(event) => {
            setQuery(event.target.value);
            setChosen(null);
          }}
        />
      </div>
      <LoadError state={results} />
      {article ? (
        <>
          <p>
            <button type="button" className="link-button" onClick={() => setChosen(null)}>
              {t('hotline.kb.back')}
            </button>
          </p>
          <fieldset className="fieldset kb-language">
            <legend className="label">{t('hotline.kb.readIn')}</legend>
            <div className="hotline-inline">
              {LOCALES.map((l) => (
                <div key={l} className="checkbox">
                  <input
                    id={`${searchId}-${l}`}
                    type="radio"
                    name={`${searchId}-language`}
                    checked={language === l}
                    onChange={() => setLanguage(l)}
                  />
                  <label htmlFor={`${searchId}-${l}`}>{t(`hotline.language.${l}`)}</label>
                </div>
              ))}
            </div>
          </fieldset>
          <ArticleView article={article} language={language} />
        </>
      ) : results.data ? (
        <>
          <p className="count" role="status">
            {items.length === 0 ? t('hotline.kb.none') : t('hotline.kb.count', { count: items.length })}
          </p>
          <ul className="kb-list">
            {items.map((a) => (
              <li key={a.slug}>
                <button type="button" className="link-button" onClick={() => setChosen(a.slug)}>
                  {a.title[uiLocale]}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="loading">{t('hotline.log.searching')}</p>
      )}
    </aside>
  );
}
