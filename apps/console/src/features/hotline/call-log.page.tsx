import {
  CASE_CATEGORIES,
  CASE_PRIORITIES,
  type CaseCategory,
  type CasePriority,
  type Country,
  LOCALES,
  type Locale,
  type MissionPage,
} from '@homeward/shared';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { useApi } from '../../lib/use-api.hook.ts';
import { ErrorSummary } from '../auth/error-summary.component.tsx';
import { Field, FieldSet } from '../forms/field.component.tsx';
import { errorsFromFailure, useFormErrors } from '../forms/form-errors.ts';
import { type LookupPick, LookupResults, PersonSummary, personLabel, useLookup } from './caller-lookup.component.tsx';
import { type CallOutcome, durationParts, type HotlineCall, logCall } from './hotline.api.ts';
import { KnowledgePanel } from './knowledge-panel.component.tsx';
import './hotline.css';

// The priority a case from a call starts at (the server's default too, shown so the agent sees it).
const DEFAULT_PRIORITY: Record<CaseCategory, CasePriority> = {
  kidnapping: 'P1',
  disaster_conflict: 'P1',
  detention: 'P2',
  accident: 'P2',
  missing_person: 'P2',
  death: 'P2',
  child_welfare: 'P2',
  crime_victim: 'P3',
  lost_passport: 'P3',
  fraud: 'P3',
  other: 'P4',
};

// What the knowledge panel searches for when the agent has typed nothing there: the category's own words.
const CATEGORY_SEARCH: Record<CaseCategory, string> = {
  detention: 'detained',
  accident: 'accident',
  crime_victim: 'robbery',
  missing_person: 'missing',
  kidnapping: 'detained',
  lost_passport: 'passport',
  disaster_conflict: 'disaster',
  death: 'death',
  child_welfare: 'consular',
  fraud: 'scam',
  other: '',
};

interface Draft {
  phone: string;
  country: string;
  find: string;
  callerName: string;
  category: CaseCategory | '';
  summary: string;
  language: Locale;
  outcome: CallOutcome;
  missionCode: string;
  priority: CasePriority | '';
  subjectName: string;
}

const EMPTY: Draft = {
  phone: '',
  country: '',
  find: '',
  callerName: '',
  category: '',
  summary: '',
  language: 'zh-CN',
  outcome: 'advice',
  missionCode: '',
  priority: '',
  subjectName: '',
};

const FIELD_IDS: Record<string, string> = {
  '/callerPhone': 'call-phone',
  '/phoneCountry': 'call-country',
  '/locationCountry': 'call-country',
  '/callerName': 'call-name',
  '/category': 'call-category',
  '/summary': 'call-summary',
  '/missionCode': 'call-mission',
  '/subjectName': 'call-subject',
  '/priority': 'call-priority',
};

function useElapsed(since: number): string {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  const { minutes, seconds } = durationParts((now - since) / 1000);
  return `${minutes}:${seconds}`;
}

/**
 * "Log a call": one screen for an agent on the phone. The caller's number (focused) looks people and cases up
 * as it is typed; arrow keys and Enter pick one; category, summary, an outcome button, Ctrl+Enter saves. The
 * knowledge base sits beside the form in the call's language.
 */
export function CallLogPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const form = useFormErrors();
  useDocumentTitle(t('hotline.log.title'), form.errors.length > 0);
  const [draft, setDraft] = useState<Draft>({ ...EMPTY, language: locale });
  const [person, setPerson] = useState<(LookupPick & { kind: 'person' }) | null>(null);
  const [linkedCase, setLinkedCase] = useState<(LookupPick & { kind: 'case' }) | null>(null);
  const [startedAt, setStartedAt] = useState(() => Date.now());
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<HotlineCall | null>(null);
  const phoneRef = useRef<HTMLInputElement>(null);
  const savedRef = useRef<HTMLDivElement>(null);
  const countries = useApi<Country[]>('/api/v1/countries').data ?? [];
  const missions = useApi<MissionPage>('/api/v1/missions?sort=name&page=1&pageSize=100').data?.items ?? [];
  const missionName = (code: string) => missions.find((m) => m.code === code)?.name[locale] ?? code;
  const elapsed = useElapsed(startedAt);
  const set = (changes: Partial<Draft>) => setDraft((d) => ({ ...d, ...changes }));

  const onPick = (pick: LookupPick) => {
    if (pick.kind === 'person') {
      setPerson(pick);
      const country = pick.person.presence?.countryCode ?? '';
      setDraft((d) => ({
        ...d,
        country: d.country || country,
        subjectName: d.subjectName || personLabel(pick.person),
      }));
    } else {
      setLinkedCase(pick);
    }
  };
  // A number is looked up once it has enough digits to be one: every lookup is written to the audit log.
  const phoneLookup = useLookup(draft.phone.replace(/\D/g, '').length >= 6 ? draft.phone : '', draft.country, onPick);
  const findLookup = useLookup(draft.find, draft.country, onPick);

  useEffect(() => {
    if (saved) savedRef.current?.focus();
  }, [saved]);

  const validate = () => {
    const errors = [];
    if (!draft.category) errors.push({ fieldId: 'call-category', message: () => t('hotline.log.errors.category') });
    if (!draft.summary.trim()) errors.push({ fieldId: 'call-summary', message: () => t('hotline.log.errors.summary') });
    if (draft.outcome === 'transferred' && !draft.missionCode)
      errors.push({ fieldId: 'call-mission', message: () => t('hotline.log.errors.mission') });
    if (draft.outcome === 'case_opened') {
      if (!draft.missionCode && !draft.country)
        errors.push({ fieldId: 'call-mission', message: () => t('hotline.log.errors.caseWhere') });
      if (!draft.subjectName.trim() && !draft.callerName.trim())
        errors.push({ fieldId: 'call-subject', message: () => t('hotline.log.errors.subject') });
    }
    return errors;
  };

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (saving) return;
    const errors = validate();
    form.show(errors);
    if (errors.length > 0 || !draft.category) return;
    setSaving(true);
    try {
      const call = await logCall({
        callerPhone: draft.phone.trim() || null,
        ...(draft.country ? { phoneCountry: draft.country, locationCountry: draft.country } : {}),
        callerName: draft.callerName.trim() || null,
        personId: person?.person.id ?? null,
        caseId: draft.outcome === 'case_opened' ? null : (linkedCase?.kase.id ?? null),
        category: draft.category,
        summary: draft.summary.trim(),
        outcome: draft.outcome,
        missionCode: draft.outcome === 'advice' ? null : draft.missionCode || null,
        ...(draft.outcome === 'case_opened'
          ? {
              priority: draft.priority || DEFAULT_PRIORITY[draft.category],
              subjectName: draft.subjectName.trim() || draft.callerName.trim(),
            }
          : {}),
        language: draft.language,
        startedAt: new Date(startedAt).toISOString(),
      });
      form.clear();
      setSaved(call);
    } catch (error) {
      form.show(errorsFromFailure(error, FIELD_IDS, 'call-phone', t('errors.network')));
    } finally {
      setSaving(false);
    }
  };

  const nextCall = () => {
    setDraft({ ...EMPTY, language: locale });
    setPerson(null);
    setLinkedCase(null);
    setSaved(null);
    form.clear();
    setStartedAt(Date.now());
    window.setTimeout(() => phoneRef.current?.focus(), 0);
  };

  if (saved) {
    return (
      <>
        <h1>{t('hotline.log.title')}</h1>
        <div className="panel panel--success" ref={savedRef} tabIndex={-1} role="status">
          <p>
            <strong>
              {saved.case
                ? t('hotline.log.savedCase', {
                    number: saved.case.number,
                    mission: missionName(saved.case.missionCode),
                  })
                : saved.outcome === 'transferred' && saved.missionCode
                  ? t('hotline.log.savedTransfer', { mission: missionName(saved.missionCode) })
                  : t('hotline.log.saved')}
            </strong>
          </p>
          <div className="button-group">
            {saved.case && saved.outcome === 'case_opened' ? (
              <Link className="button" to={`/cases/${saved.case.id}`}>
                {t('hotline.log.openCase', { number: saved.case.number })}
              </Link>
            ) : null}
            <button type="button" className="button button--secondary" onClick={nextCall}>
              {t('hotline.log.next')}
            </button>
          </div>
        </div>
      </>
    );
  }

  const category = draft.category;
  return (
    <>
      <div className="page-head">
        <h1>{t('hotline.log.title')}</h1>
        <p className="call-timer" aria-live="off">
          {t('hotline.log.timer', { time: elapsed })}
        </p>
      </div>
      <p>{t('hotline.log.intro')}</p>
      <div className="call-layout">
        <form
          className="call-form"
          noValidate
          onSubmit={submit}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
              event.preventDefault();
              void submit();
            }
          }}
        >
          <ErrorSummary errors={form.errors} version={form.version} />
          <div className="call-grid">
            <Field
              id="call-phone"
              label={t('hotline.log.phone')}
              hint={t('hotline.log.phoneHint')}
              error={form.errorFor('call-phone')}
            >
              {(props) => (
                <input
                  {...props}
                  {...phoneLookup.inputProps}
                  aria-controls="call-phone-results"
                  ref={phoneRef}
                  type="tel"
                  autoComplete="off"
                  // biome-ignore lint/a11y/noAutofocus: agents start typing the number the moment the page opens.
                  autoFocus
                  value={draft.phone}
                  onChange={(event) => set({ phone: event.target.value })}
                />
              )}
            </Field>
            <Field
              id="call-country"
              label={t('hotline.log.country')}
              hint={t('hotline.log.countryHint')}
              base="select"
              error={form.errorFor('call-country')}
            >
              {(props) => (
                <select {...props} value={draft.country} onChange={(event) => set({ country: event.target.value })}>
                  <option value="">{t('hotline.log.anyCountry')}</option>
                  {countries.map((c) => (
                    <option key={c.code} value={c.code}>
                      {c.name[locale]} ({c.code})
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <LookupResults
            lookup={phoneLookup}
            listId="call-phone-results"
            countries={countries}
            missionName={missionName}
          />

          <Field id="call-find" label={t('hotline.log.find')} hint={t('hotline.log.findHint')}>
            {(props) => (
              <input
                {...props}
                {...findLookup.inputProps}
                aria-controls="call-find-results"
                type="search"
                autoComplete="off"
                value={draft.find}
                onChange={(event) => set({ find: event.target.value })}
              />
            )}
          </Field>
          <LookupResults
            lookup={findLookup}
            listId="call-find-results"
            countries={countries}
            missionName={missionName}
          />

          {person ? (
            <div className="chosen-record">
              <p className="label">{t('hotline.log.linkedPerson')}</p>
              <p>
                <PersonSummary person={person.person} countries={countries} missionName={missionName} />
              </p>
              <button type="button" className="button button--secondary button--small" onClick={() => setPerson(null)}>
                {t('hotline.log.unlink')}
              </button>
            </div>
          ) : null}
          {linkedCase ? (
            <div className="chosen-record">
              <p className="label">{t('hotline.log.linkedCase')}</p>
              <p>
                <Link to={`/cases/${linkedCase.kase.id}`}>{linkedCase.kase.number}</Link> ·{' '}
                {linkedCase.kase.subjectName} · {missionName(linkedCase.kase.missionCode)}
              </p>
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={() => setLinkedCase(null)}
              >
                {t('hotline.log.unlink')}
              </button>
            </div>
          ) : null}

          <Field id="call-name" label={t('hotline.log.callerName')} error={form.errorFor('call-name')}>
            {(props) => (
              <input
                {...props}
                autoComplete="off"
                value={draft.callerName}
                onChange={(event) => set({ callerName: event.target.value })}
              />
            )}
          </Field>
          <Field
            id="call-category"
            label={t('hotline.log.category')}
            base="select"
            error={form.errorFor('call-category')}
          >
            {(props) => (
              <select
                {...props}
                value={draft.category}
                onChange={(event) => set({ category: event.target.value as CaseCategory | '' })}
              >
                <option value="">{t('hotline.log.chooseCategory')}</option>
                {(Object.keys(CASE_CATEGORIES) as CaseCategory[]).map((c) => (
                  <option key={c} value={c}>
                    {CASE_CATEGORIES[c][locale]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            id="call-summary"
            label={t('hotline.log.summary')}
            hint={t('hotline.log.summaryHint')}
            base="textarea"
            error={form.errorFor('call-summary')}
          >
            {(props) => (
              <textarea
                {...props}
                rows={4}
                value={draft.summary}
                onChange={(event) => set({ summary: event.target.value })}
              />
            )}
          </Field>
          <FieldSet id="call-language" legend={t('hotline.log.callLanguage')}>
            <div className="hotline-inline">
              {LOCALES.map((l) => (
                <div key={l} className="checkbox">
                  <input
                    id={`call-language-${l}`}
                    type="radio"
                    name="call-language"
                    checked={draft.language === l}
                    onChange={() => set({ language: l })}
                  />
                  <label htmlFor={`call-language-${l}`}>{t(`hotline.language.${l}`)}</label>
                </div>
              ))}
            </div>
          </FieldSet>
          <FieldSet id="call-outcome" legend={t('hotline.log.outcome')}>
            <div className="outcome-buttons">
              {(['advice', 'case_opened', 'transferred'] as const).map((o) => (
                <div key={o} className="outcome-button">
                  <input
                    id={`call-outcome-${o}`}
                    type="radio"
                    name="call-outcome"
                    checked={draft.outcome === o}
                    onChange={() => set({ outcome: o })}
                  />
                  <label htmlFor={`call-outcome-${o}`}>{t(`hotline.outcome.${o}`)}</label>
                </div>
              ))}
            </div>
          </FieldSet>
          {draft.outcome !== 'advice' ? (
            <Field
              id="call-mission"
              label={t('hotline.log.mission')}
              hint={
                draft.outcome === 'case_opened'
                  ? t('hotline.log.missionHintCase')
                  : t('hotline.log.missionHintTransfer')
              }
              base="select"
              error={form.errorFor('call-mission')}
            >
              {(props) => (
                <select
                  {...props}
                  value={draft.missionCode}
                  onChange={(event) => set({ missionCode: event.target.value })}
                >
                  <option value="">
                    {draft.outcome === 'case_opened' ? t('hotline.log.missionRoute') : t('hotline.log.mission')}
                  </option>
                  {missions.map((m) => (
                    <option key={m.code} value={m.code}>
                      {m.name[locale]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ) : null}
          {draft.outcome === 'case_opened' ? (
            <div className="call-grid">
              <Field
                id="call-subject"
                label={t('hotline.log.subjectName')}
                hint={t('hotline.log.subjectHint')}
                error={form.errorFor('call-subject')}
              >
                {(props) => (
                  <input
                    {...props}
                    autoComplete="off"
                    value={draft.subjectName}
                    onChange={(event) => set({ subjectName: event.target.value })}
                  />
                )}
              </Field>
              <Field
                id="call-priority"
                label={t('hotline.log.priority')}
                base="select"
                error={form.errorFor('call-priority')}
              >
                {(props) => (
                  <select
                    {...props}
                    value={draft.priority || (category ? DEFAULT_PRIORITY[category] : 'P3')}
                    onChange={(event) => set({ priority: event.target.value as CasePriority })}
                  >
                    {CASE_PRIORITIES.map((p) => (
                      <option key={p} value={p}>
                        {p}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
          ) : null}
          <div className="button-group">
            <button type="submit" className="button" disabled={saving} aria-keyshortcuts="Control+Enter">
              {saving ? t('hotline.log.saving') : t('hotline.log.save')}
            </button>
            <span className="hint">{t('hotline.log.saveHint')}</span>
          </div>
        </form>
        <KnowledgePanel callLanguage={draft.language} suggestion={category ? CATEGORY_SEARCH[category] : ''} />
      </div>
    </>
  );
}
