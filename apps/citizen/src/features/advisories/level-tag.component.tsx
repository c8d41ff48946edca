import type { AdvisoryLevel } from '@homeward/shared';
import { useTranslation } from 'react-i18next';
import './advisories.css';

/** A level as number, colour and words: colour is never the only cue (WCAG 1.4.1). */
export function LevelTag({ level }: { level: AdvisoryLevel }) {
  const { t } = useTranslation();
  return (
    <strong className={`advisory-level advisory-level--${level}`}>
      {t('advisories.levelNumber', { level })} · {t(`advisories.level.${level}`)}
    </strong>
  );
}
