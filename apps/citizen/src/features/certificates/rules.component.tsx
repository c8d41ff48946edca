import { type BusinessRule, type Destination, evaluateBusinessRules, type JsonValue } from '@homeward/hcert';
import { useTranslation } from 'react-i18next';

/** The text of one rule, in the page's language. */
function useRuleText(): (rule: BusinessRule) => string {
  const { t } = useTranslation();
  return (rule) => {
    switch (rule.kind) {
      case 'accepted-types':
        return t('certificates.rules.acceptedTypes', {
          types: rule.types
            .map((type) => t(`certificates.rules.types.${type}`))
            .join(t('certificates.rules.listSeparator')),
        });
      case 'vaccination-age':
        if (rule.minDays !== undefined && rule.maxDays !== undefined) {
          return t('certificates.rules.vaccinationAgeBetween', { min: rule.minDays, max: rule.maxDays });
        }
        return rule.minDays !== undefined
          ? t('certificates.rules.vaccinationAgeMin', { count: rule.minDays })
          : t('certificates.rules.vaccinationAgeMax', { count: rule.maxDays ?? 0 });
      case 'test-max-age':
        return t('certificates.rules.testMaxAge', { count: rule.hours });
      case 'vaccination-complete':
        return t('certificates.rules.vaccinationComplete');
      case 'test-negative':
        return t('certificates.rules.testNegative');
      case 'recovery-valid':
        return t('certificates.rules.recoveryValid');
    }
  };
}

/** A destination's entry rules applied to a verified certificate: the overall answer, then each rule. */
export function RuleResults({
  destination,
  payload,
  checkedAt,
}: {
  destination: Destination;
  payload: JsonValue;
  checkedAt: number;
}) {
  const { t, i18n } = useTranslation();
  const ruleText = useRuleText();
  const outcomes = evaluateBusinessRules(payload, destination, new Date(checkedAt));
  const passed = outcomes.length > 0 && outcomes.every((outcome) => outcome.passed);
  const name = destination.name[i18n.language] ?? destination.name.en ?? destination.country;
  return (
    <section
      aria-labelledby="rules-heading"
      className={passed ? 'panel hc-rules hc-rules--pass' : 'panel hc-rules hc-rules--fail'}
    >
      <h3 id="rules-heading">
        {t(passed ? 'certificates.rules.meets' : 'certificates.rules.doesNotMeet', { destination: name })}
      </h3>
      <ul className="hc-rules__list">
        {outcomes.map(({ rule, passed: rulePassed }) => (
          <li key={rule.id} className={rulePassed ? 'hc-rules__item--pass' : 'hc-rules__item--fail'}>
            <span className="hc-rules__mark" aria-hidden="true">
              {rulePassed ? '✓' : '✗'}
            </span>{' '}
            <span className="visually-hidden">
              {t(rulePassed ? 'certificates.rules.passed' : 'certificates.rules.failed')}
            </span>
            {ruleText(rule)}
          </li>
        ))}
      </ul>
    </section>
  );
}
