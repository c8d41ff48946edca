import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/i18n.ts';
import { formatDateTime } from '../../lib/format.ts';
import { LoadError } from '../../lib/load-error.component.tsx';
import { useApi } from '../../lib/use-api.hook.ts';
import { type EnterpriseAssessment, enterpriseAssessmentPath } from './guidance.api.ts';
import './guidance.css';

/**
 * The enterprise's latest security self-assessment on the console's site page: the whole organisation's and the
 * site's own. A score is organisational data, so this read is not audited (decision 0023).
 */
export function EnterpriseAssessmentSection({ siteId }: { siteId: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const state = useApi<EnterpriseAssessment>(enterpriseAssessmentPath(siteId));
  const rows = state.data
    ? ([
        ['organisation', state.data.organisation],
        ['site', state.data.site],
      ] as const)
    : [];
  return (
    <section aria-labelledby="enterprise-assessment">
      <h2 id="enterprise-assessment">{t('guidance.enterprise.title')}</h2>
      <LoadError state={state} />
      {state.data ? (
        state.data.organisation || state.data.site ? (
          <dl className="summary-list">
            {rows.map(([kind, a]) => (
              <div key={kind}>
                <dt>{t(`guidance.enterprise.${kind}`)}</dt>
                <dd>
                  {a ? (
                    <>
                      <span className={`score-band score-band--${a.band}`}>
                        {t('guidance.enterprise.score', { score: a.score })} · {t(`guidance.bands.${a.band}`)}
                      </span>{' '}
                      <span className="hint">{formatDateTime(a.createdAt, locale)}</span>
                    </>
                  ) : (
                    t('guidance.enterprise.notAssessed')
                  )}
                </dd>
              </div>
            ))}
          </dl>
        ) : (
          <p>{t('guidance.enterprise.none')}</p>
        )
      ) : null}
    </section>
  );
}
