import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { useApi } from '../../lib/use-api.hook.ts';
import { ErrorLine, ErrorSummary, errorsFromApi, SelectField, useFormErrors } from '../accounts/form.components.tsx';
import { LoadFailed } from '../offline/offline.component.tsx';
import { type Organisation, organisationPath, type Site, sitesPath } from '../organisation/organisation.api.ts';
import { ANSWERS, type AssessmentAnswer, CHECKLIST_PATH, type Checklist, submitAssessment } from './guidance.api.ts';
import './guidance.css';

const PRIVATE = { keepOnDevice: false } as const;
const questionId = (id: string) => `q-${id}`;

/**
 * The security self-assessment of an organisation, or of one of its sites: every question answered yes,
 * partly or no, grouped by category; the result page shows the score and what to do.
 */
export function AssessmentPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const organisation = useApi<Organisation>(organisationPath(id), PRIVATE);
  const sites = useApi<{ items: Site[] }>(sitesPath(id), PRIVATE);
  const checklist = useApi<Checklist>(CHECKLIST_PATH);
  const [siteId, setSiteId] = useState('');
  const [answers, setAnswers] = useState<Record<string, AssessmentAnswer>>({});
  const [busy, setBusy] = useState(false);
  // Questions are numbered in page order (by category), so an error can say which one.
  const numbered = (checklist.data?.categories ?? []).flatMap((c) =>
    (checklist.data?.questions ?? []).filter((q) => q.category === c.id).map((q) => q.id),
  );
  const numberOf = (id: string) => numbered.indexOf(id) + 1;
  const order = numbered.map(questionId);
  const errors = useFormErrors(order);
  useDocumentTitle(t('guidance.assessment.title'), errors.hasErrors);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!checklist.data || busy) return;
    const missing = checklist.data.questions.filter((q) => !answers[q.id]);
    if (missing.length > 0) {
      errors.show({
        fields: Object.fromEntries(
          missing.map((q) => [questionId(q.id), t('guidance.assessment.answerThis', { n: numberOf(q.id) })]),
        ),
        form: null,
      });
      return;
    }
    setBusy(true);
    try {
      const result = await submitAssessment(id, { siteId: siteId || null, answers });
      navigate(`/organisations/${id}/assessments/${result.id}`);
    } catch (error) {
      const fields = Object.fromEntries(
        checklist.data.questions.map((q) => [`/body/answers/${q.id}`, questionId(q.id)]),
      );
      errors.show(errorsFromApi(error, fields, t('errors.network')));
      setBusy(false);
    }
  };

  const failed = [organisation, sites, checklist].find((s) => s.status === 'error');
  return (
    <>
      <Link to={`/organisations/${id}`} className="back-link">
        {t('guidance.assessment.back')}
      </Link>
      <h1>{t('guidance.assessment.title')}</h1>
      {failed ? (
        failed.status === 'error' && failed.error.status === 404 ? (
          <p>{t('organisation.notFound')}</p>
        ) : (
          <LoadFailed onRetry={failed.retry} />
        )
      ) : !organisation.data || !sites.data || !checklist.data ? (
        <p role="status" className="hint">
          {t('common.loading')}
        </p>
      ) : (
        <>
          <p>{t('guidance.assessment.intro', { name: organisation.data.name })}</p>
          <ErrorSummary errors={errors.summary} version={errors.version} />
          <form onSubmit={(event) => void onSubmit(event)} noValidate>
            <SelectField
              id="assessment-site"
              label={t('guidance.assessment.scope')}
              hint={t('guidance.assessment.scopeHint')}
              value={siteId}
              onChange={setSiteId}
              emptyLabel={t('guidance.assessment.wholeOrganisation')}
              options={sites.data.items.map((s) => ({ value: s.id, label: s.name }))}
            />
            {checklist.data.categories.map((category) => (
              <section key={category.id} aria-labelledby={`category-${category.id}`} className="section-gap">
                <h2 id={`category-${category.id}`}>{category.name[locale]}</h2>
                {checklist.data?.questions
                  .filter((q) => q.category === category.id)
                  .map((q) => {
                    const fieldId = questionId(q.id);
                    const error = errors.fields[fieldId];
                    return (
                      <fieldset
                        key={q.id}
                        className={error ? 'form-group fieldset form-group--error' : 'form-group fieldset'}
                        aria-describedby={error ? `${fieldId}-error` : undefined}
                      >
                        <legend className="label">
                          {numberOf(q.id)}. {q.text[locale]}
                        </legend>
                        <ErrorLine id={fieldId} error={error} />
                        <div className="radios radios--inline">
                          {ANSWERS.map((answer, index) => (
                            <label
                              key={answer}
                              className="radio"
                              htmlFor={index === 0 ? fieldId : `${fieldId}-${answer}`}
                            >
                              <input
                                type="radio"
                                id={index === 0 ? fieldId : `${fieldId}-${answer}`}
                                name={fieldId}
                                value={answer}
                                checked={answers[q.id] === answer}
                                onChange={() => setAnswers((a) => ({ ...a, [q.id]: answer }))}
                              />
                              <span>{t(`guidance.answers.${answer}`)}</span>
                            </label>
                          ))}
                        </div>
                      </fieldset>
                    );
                  })}
              </section>
            ))}
            <button type="submit" className="button" disabled={busy} aria-disabled={busy}>
              {busy ? t('guidance.assessment.sending') : t('guidance.assessment.submit')}
            </button>
          </form>
        </>
      )}
    </>
  );
}
